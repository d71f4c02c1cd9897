def catering_rows(ctx):
    return []
