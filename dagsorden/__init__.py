"""dagsorden: meetings, agendas and minutes for Danish political bodies."""
