"""checklists"""
