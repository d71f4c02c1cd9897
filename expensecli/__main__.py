from expensecli.cli.main import run

run()
