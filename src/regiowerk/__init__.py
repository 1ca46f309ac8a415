"""regiowerk: the Django project for regional labour-market services."""
