// placeholder: filled in by its area
