"""One-shot commands run from the CLI: check and backup."""
