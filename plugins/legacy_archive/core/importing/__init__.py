"""Bring a finished programme's old website in: WordPress exports, crawls and spreadsheets become records."""
