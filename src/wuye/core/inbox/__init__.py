"""The message centre's inbox: a person's messages, marking them read, and the channels they
choose for each kind (`services`), with its pages, API and what it holds about a person."""
