"""The thin Qt layer: widgets only. Rules about words, files and voice live in the core."""
