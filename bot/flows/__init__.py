"""The flows: what people do with Hearth, one module per feature, each declaring on its own `router`.

Importing them registers nothing; `bot.features` lists the routers Hearth is made of.
"""
