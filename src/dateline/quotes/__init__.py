"""dateline.quotes"""
