"""The session language: workout text -> a plan of steps with each athlete's targets.

Owns quantities, wording, gears (the one table of gear words), paces (Riegel), limits, the notation grammar and
tree, the words of a step, expansion (expand) into the plan, and its text table.
Imports only the standard library and lark; nothing else of kicktimer's.
"""
