"""The squad and the season: athletes kept once with dated race times, today's athletes picked from them, each
athlete's recordings across the season, and where they stand in a progression. Pure: no files."""
