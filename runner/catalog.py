"""A catalog snapshot: what a database's schema is, as comparable text, and the diff of two.

Covers schemas, tables and columns (types, defaults, identity, generated, not-null), constraints,
indexes, partitions, functions with their bodies, triggers, views, policies, RLS flags, grants,
comments, extensions, sequences and types. Owners and OIDs are left out so two databases built
the same way compare equal. An ACL equal to the owner's default (what GRANT then REVOKE leaves
behind) counts as no ACL. The runner's history table is excluded.
"""

from __future__ import annotations

from dataclasses import dataclass

import psycopg

_SYSTEM = "('pg_catalog', 'information_schema', 'pg_toast')"
_USER_NS = f"n.nspname NOT IN {_SYSTEM} AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'"
# Objects that belong to an extension are the extension's business, not the migrations'.
_NOT_EXT = "NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = {oid} AND d.deptype = 'e')"
# Relations the caller hides (the history table and what hangs off it), as %(hidden)s oid[].
_SHOWN = "NOT ({oid} = ANY (%(hidden)s::oid[]))"

QUERIES: dict[str, str] = {
    "schema": f"""
        SELECT format('%I', n.nspname) || coalesce(' comment ' || quote_literal(obj_description(n.oid, 'pg_namespace')), '')
               || coalesce(' acl ' || array_to_string(nullif(n.nspacl, acldefault('n', n.nspowner)), ','), '')
          FROM pg_namespace n WHERE {_USER_NS} AND {_NOT_EXT.format(oid='n.oid')}""",
    "relation": f"""
        SELECT format('%I.%I %s%s%s%s%s%s%s', n.nspname, c.relname,
                 CASE c.relkind WHEN 'r' THEN 'table' WHEN 'p' THEN 'partitioned table' WHEN 'v' THEN 'view'
                      WHEN 'm' THEN 'materialized view' WHEN 'S' THEN 'sequence' WHEN 'f' THEN 'foreign table'
                      WHEN 'c' THEN 'composite type' ELSE c.relkind::text END,
                 CASE WHEN c.relpersistence = 'u' THEN ' unlogged' ELSE '' END,
                 CASE WHEN c.relrowsecurity THEN ' rls' ELSE '' END,
                 CASE WHEN c.relforcerowsecurity THEN ' force-rls' ELSE '' END,
                 coalesce(' partition of ' || (SELECT i.inhparent::regclass::text FROM pg_inherits i
                            WHERE i.inhrelid = c.oid LIMIT 1) || ' ' || pg_get_expr(c.relpartbound, c.oid), ''),
                 CASE WHEN c.relkind = 'p' THEN ' by ' || pg_get_partkeydef(c.oid) ELSE '' END,
                 coalesce(' options ' || array_to_string(c.reloptions, ','), ''))
               || coalesce(' comment ' || quote_literal(obj_description(c.oid, 'pg_class')), '')
               || coalesce(' acl ' || array_to_string(nullif(c.relacl, acldefault(
                      CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner)), ','), '')
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_USER_NS} AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {_NOT_EXT.format(oid='c.oid')}
           AND {_SHOWN.format(oid='c.oid')}""",
    "column": f"""
        SELECT format('%I.%I.%I %s%s%s%s%s%s', n.nspname, c.relname, a.attname,
                 format_type(a.atttypid, a.atttypmod),
                 CASE WHEN a.attnotnull THEN ' not null' ELSE '' END,
                 CASE WHEN a.attgenerated = 's' THEN ' generated ' || pg_get_expr(d.adbin, d.adrelid)
                      WHEN d.adbin IS NOT NULL THEN ' default ' || pg_get_expr(d.adbin, d.adrelid) ELSE '' END,
                 CASE a.attidentity WHEN 'a' THEN ' identity always' WHEN 'd' THEN ' identity by default' ELSE '' END,
                 CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
                      THEN ' collate ' || a.attcollation::regcollation::text ELSE '' END,
                 coalesce(' comment ' || quote_literal(col_description(c.oid, a.attnum)), ''))
               || coalesce(' acl ' || array_to_string(nullif(a.attacl, '{{}}'), ','), '')
          FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          JOIN pg_type t ON t.oid = a.atttypid
          LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
         WHERE {_USER_NS} AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
           AND {_NOT_EXT.format(oid='c.oid')} AND {_SHOWN.format(oid='c.oid')}""",
    "constraint": f"""
        SELECT format('%s on %I.%I: %s%s', k.conname, n.nspname, c.relname, pg_get_constraintdef(k.oid, true),
                      CASE WHEN NOT k.convalidated THEN ' (not validated)' ELSE '' END)
               || coalesce(' comment ' || quote_literal(obj_description(k.oid, 'pg_constraint')), '')
          FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_USER_NS} AND {_NOT_EXT.format(oid='c.oid')} AND {_SHOWN.format(oid='c.oid')}
        UNION ALL
        SELECT format('%s on domain %I.%I: %s', k.conname, n.nspname, t.typname, pg_get_constraintdef(k.oid, true))
          FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE {_USER_NS}""",
    "index": f"""
        SELECT pg_get_indexdef(i.indexrelid) || CASE WHEN NOT i.indisvalid THEN ' (INVALID)' ELSE '' END
               || coalesce(' comment ' || quote_literal(obj_description(i.indexrelid, 'pg_class')), '')
          FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_USER_NS} AND {_NOT_EXT.format(oid='i.indrelid')} AND {_SHOWN.format(oid='i.indrelid')}""",
    "function": f"""
        SELECT pg_get_functiondef(p.oid)
               || coalesce(E'\\ncomment ' || quote_literal(obj_description(p.oid, 'pg_proc')), '')
               || coalesce(E'\\nacl ' || array_to_string(nullif(p.proacl, acldefault('f', p.proowner)), ','), '')
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE {_USER_NS} AND p.prokind IN ('f', 'p', 'w') AND {_NOT_EXT.format(oid='p.oid')}
        UNION ALL
        SELECT format('aggregate %I.%I(%s)', n.nspname, p.proname, pg_get_function_identity_arguments(p.oid))
          FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
         WHERE {_USER_NS} AND p.prokind = 'a' AND {_NOT_EXT.format(oid='p.oid')}""",
    "trigger": f"""
        SELECT pg_get_triggerdef(t.oid, true) || CASE t.tgenabled WHEN 'D' THEN ' (disabled)' ELSE '' END
               || coalesce(' comment ' || quote_literal(obj_description(t.oid, 'pg_trigger')), '')
          FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_USER_NS} AND NOT t.tgisinternal AND t.tgparentid = 0 AND {_SHOWN.format(oid='c.oid')}""",
    "view": f"""
        SELECT format('%I.%I as %s', n.nspname, c.relname, pg_get_viewdef(c.oid, true))
          FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_USER_NS} AND c.relkind IN ('v', 'm') AND {_NOT_EXT.format(oid='c.oid')}""",
    "policy": f"""
        SELECT format('%I on %I.%I %s for %s to %s using %s with check %s', p.polname, n.nspname, c.relname,
                      CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END,
                      CASE p.polcmd WHEN 'r' THEN 'select' WHEN 'a' THEN 'insert' WHEN 'w' THEN 'update'
                                    WHEN 'd' THEN 'delete' ELSE 'all' END,
                      (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE r::regrole::text END, ',' ORDER BY 1)
                         FROM unnest(p.polroles) r),
                      coalesce(pg_get_expr(p.polqual, p.polrelid), '-'),
                      coalesce(pg_get_expr(p.polwithcheck, p.polrelid), '-'))
          FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_SHOWN.format(oid='c.oid')}""",
    "extension": """
        SELECT format('%I in %I', e.extname, n.nspname) FROM pg_extension e
          JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql'""",
    "sequence": f"""
        SELECT format('%I.%I %s start %s increment %s min %s max %s cache %s%s%s', n.nspname, c.relname,
                      format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache,
                      CASE WHEN s.seqcycle THEN ' cycle' ELSE '' END,
                      coalesce(' owned by ' || (SELECT format('%s.%I', d.refobjid::regclass, a.attname)
                                FROM pg_depend d JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                               WHERE d.objid = c.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                               LIMIT 1), ''))
          FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
         WHERE {_USER_NS} AND {_NOT_EXT.format(oid='c.oid')} AND {_SHOWN.format(oid='c.oid')}""",
    "type": f"""
        SELECT format('%I.%I %s', n.nspname, t.typname,
                 CASE t.typtype
                   WHEN 'e' THEN 'enum (' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                                              FROM pg_enum e WHERE e.enumtypid = t.oid) || ')'
                   WHEN 'd' THEN 'domain ' || format_type(t.typbasetype, t.typtypmod)
                                 || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
                                 || coalesce(' default ' || t.typdefault, '')
                   WHEN 'c' THEN 'composite'
                   WHEN 'r' THEN 'range'
                   ELSE t.typtype::text END)
               || coalesce(' comment ' || quote_literal(obj_description(t.oid, 'pg_type')), '')
               || coalesce(' acl ' || array_to_string(nullif(t.typacl, acldefault('T', t.typowner)), ','), '')
          FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
         WHERE {_USER_NS} AND t.typtype IN ('e', 'd', 'c', 'r') AND {_NOT_EXT.format(oid='t.oid')}
           AND NOT EXISTS (SELECT 1 FROM pg_class c WHERE c.reltype = t.oid AND c.relkind <> 'c')""",
    "event trigger": """
        SELECT format('%I on %s %s', evtname, evtevent, evtfoid::regproc) FROM pg_event_trigger""",
}


@dataclass(frozen=True)
class Snapshot:
    """category -> sorted object descriptions."""

    objects: dict[str, tuple[str, ...]]

    def count(self) -> int:
        return sum(len(v) for v in self.objects.values())


_HIDDEN = """
    SELECT coalesce(array_agg(oid), '{}') FROM (
        SELECT to_regclass(t)::oid AS oid FROM unnest(%s::text[]) t
        UNION SELECT d.objid FROM pg_depend d
         WHERE d.classid = 'pg_class'::regclass AND d.refobjid IN (SELECT to_regclass(t)::oid FROM unnest(%s::text[]) t)
    ) x WHERE oid IS NOT NULL
"""


def _escaped(query: str) -> str:
    """Double every ``%`` (format() and LIKE patterns) except the ``%(hidden)s`` parameter."""
    return query.replace("%", "%%").replace("%%(hidden)s", "%(hidden)s")


def snapshot(conn: psycopg.Connection, *, exclude_tables: tuple[str, ...] = ()) -> Snapshot:
    """Read the catalog; ``exclude_tables`` (``schema.table``) hides e.g. the history table."""
    row = conn.execute(_HIDDEN, (list(exclude_tables), list(exclude_tables))).fetchone()
    params = {"hidden": row[0] if row else []}
    objects: dict[str, tuple[str, ...]] = {}
    for category, query in QUERIES.items():
        rows = conn.execute(_escaped(query), params).fetchall()
        objects[category] = tuple(sorted(r[0] for r in rows if r[0] is not None))
    return Snapshot(objects)


def diff(before: Snapshot, after: Snapshot) -> list[str]:
    """Readable differences: ``- category: …`` only in ``before``, ``+ category: …`` only in ``after``."""
    lines: list[str] = []
    for category in QUERIES:
        old = set(before.objects.get(category, ()))
        new = set(after.objects.get(category, ()))
        lines += [f"- {category}: {x}" for x in sorted(old - new)]
        lines += [f"+ {category}: {x}" for x in sorted(new - old)]
    return lines
