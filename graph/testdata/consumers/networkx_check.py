"""Load chronograph's json, graphml and gexf exports with networkx.

Usage: networkx_check.py GRAPH.json GRAPH.graphml GRAPH.gexf

Prints one line per file: the format, the numbers of nodes and edges, the
attributes of the russia -> syria mediate edge and whether the hostile
actor of the test fixture came through intact.
"""
import json
import sys

import networkx as nx
from networkx.readwrite import gexf


def load_json(path):
    data = json.load(open(path, encoding="utf-8"))
    try:
        return nx.node_link_graph(data, edges="links")  # networkx >= 3.4
    except TypeError:
        return nx.node_link_graph(data, link="links")  # older networkx


def load_gexf(path):
    # networkx knows GEXF 1.1 and 1.2 by namespace; 1.3 differs only by it.
    if "1.3" not in gexf.GEXF.versions:
        v = dict(gexf.GEXF.versions["1.2draft"])
        v.update(NS_GEXF="http://gexf.net/1.3", NS_VIZ="http://gexf.net/1.3/viz", VERSION="1.3",
                 SCHEMALOCATION="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd")
        gexf.GEXF.versions["1.3"] = v
    return nx.read_gexf(path, version="1.3")


def edge(g, u, v, typ):
    for key, d in g.get_edge_data(u, v).items():
        if d.get("type") == typ:
            return d
    raise KeyError(typ)


def main():
    paths = dict(zip(["json", "graphml", "gexf"], sys.argv[1:]))
    loaders = {"json": load_json, "graphml": nx.read_graphml, "gexf": load_gexf}
    for fmt, path in paths.items():
        g = loaders[fmt](path)
        assert g.is_directed(), fmt
        d = edge(g, "russia", "syria", "mediate")
        name = g.nodes["sergei-lavrov"].get("name") or g.nodes["sergei-lavrov"].get("label")
        evil = g.nodes['evil"id\\']
        evil_name = evil.get("name") or evil.get("label")
        ok = evil_name.startswith('"]; rankdir=LR; x [label="') and "<script>alert('x')</script>" in evil_name
        line = f"{fmt} {g.number_of_nodes()} {g.number_of_edges()} mediate count={d['count']} sources={d['sources']} name={name} evil={ok}"
        if fmt == "gexf":
            line += f" spells={d.get('spells')}"
        print(line)


main()
