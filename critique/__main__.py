from critique.cli import main

main()
