"""The faces of proofwork: the Textual app and the command line. No business rules live here."""
