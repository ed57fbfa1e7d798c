"""dateline.events"""
