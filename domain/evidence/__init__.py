"""Evidence files (transcripts and the like): `rules` judges them (pure), `files` stores them
and serves them to those who may see the request they belong to."""
