from expensecli.cli.entry import run

run()
