"""The placements API (DRF): candidacies and placements."""
