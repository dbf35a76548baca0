"""Parse chronograph's nquads export with rdflib's N-Quads parser.

Usage: rdflib_check.py GRAPH.rdf

Two things of Dgraph's dialect are not N-Quads and are changed first:
facets, "(key=value, ...)" before the final dot, are cut, and bare
predicate names (<xid>), which Dgraph takes as they are but N-Quads wants
as absolute IRIs, get the scheme "dgraph:". Prints the number of triples,
of actors and of events, and the name of the actor whose xid is
sergei-lavrov.
"""
import re
import sys

import rdflib

FACETS = re.compile(r' \((?:[^()"]|"(?:[^"\\]|\\.)*")*\) \.$')
BARE = re.compile(r" <([^:<>]+)> ")
lines = []
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    line = FACETS.sub(" .", line)
    line = BARE.sub(r" <dgraph:\1> ", line, count=1)
    lines.append(line)
g = rdflib.ConjunctiveGraph()
g.parse(data="\n".join(lines) + "\n", format="nquads")
P = lambda name: rdflib.URIRef("dgraph:" + name)
types = [str(o) for o in g.objects(None, P("dgraph.type"))]
lavrov = next(g.subjects(P("xid"), rdflib.Literal("sergei-lavrov")))
evil = next(g.subjects(P("xid"), rdflib.Literal('evil"id\\')), None)
evil_name = str(next(g.objects(evil, P("name")))) if evil is not None else ""
print(len(g), types.count("Actor"), types.count("Event"), g.value(lavrov, P("name")),
      evil_name.startswith('"]; rankdir=LR') and "<script>" in evil_name)
