from netmap.cli import main

main(prog_name="netmap")
