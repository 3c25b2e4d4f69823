"""Measurements of the pipeline's stages on real annotated corpora."""
