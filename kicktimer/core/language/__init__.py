"""The session language: workout text -> a plan of steps with each athlete's targets.

Owns quantities, wording, paces (Riegel), the notation grammar and tree, plan expansion and its text table.
Imports only the standard library and lark; nothing else of kicktimer's.
"""
