"""Components and their versions: create, list, show, tag, download."""
