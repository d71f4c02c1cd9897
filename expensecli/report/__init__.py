"""The controllers' reports as data (deadlines, status, catering, statistics, the manager's
overview), made from checked claims and drawn by `render`."""
