from gdtrack.cli import main

main()
