"""dateline.spark"""
