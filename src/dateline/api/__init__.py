"""dateline.api"""
