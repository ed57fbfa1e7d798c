"""dateline.stories"""
