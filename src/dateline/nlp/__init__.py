"""dateline.nlp"""
