from redraft.cli.main import run

run()
