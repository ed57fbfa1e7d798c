"""dateline.actors"""
