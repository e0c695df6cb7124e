-- What: creates equoria.genes (one row per gene with its inheritance pattern) and
--       equoria.gene_alleles (the alleles of each gene ranked by dominance), and fills both.
-- Why:  horses.genetics stores, per gene, the two alleles a horse carries
--       (dominant_alleles.<gene> is the higher-ranked one, recessive_alleles.<gene> the
--       other) and the gene's inheritance pattern. Breeding draws one allele from each
--       parent and ranks the pair with this table; a trigger rejects unknown alleles.

CREATE TABLE equoria.genes (
  name                text PRIMARY KEY
                      CONSTRAINT genes_name_format CHECK (name ~ '^[a-z][a-z_]{1,39}$'),
  inheritance_pattern text NOT NULL
                      CONSTRAINT genes_inheritance_pattern_valid
                      CHECK (inheritance_pattern IN ('simple_dominant', 'recessive', 'polygenic')),
  description         text NOT NULL DEFAULT ''
);

COMMENT ON TABLE equoria.genes IS
  'Genes tracked in horses.genetics, with the pattern that decides how the two alleles show.';
COMMENT ON COLUMN equoria.genes.inheritance_pattern IS
  'simple_dominant and recessive: the higher-ranked allele is expressed (recessive marks genes whose '
  'visible variants rank below the plain allele); polygenic: the expressed value is the rounded mean '
  'of both ranks (small + large gives medium).';

CREATE TABLE equoria.gene_alleles (
  gene           text NOT NULL REFERENCES equoria.genes (name) ON DELETE CASCADE,
  allele         text NOT NULL
                 CONSTRAINT gene_alleles_allele_format CHECK (allele ~ '^[a-z][a-z_]{1,39}$'),
  dominance_rank smallint NOT NULL
                 CONSTRAINT gene_alleles_dominance_rank_positive CHECK (dominance_rank > 0),
  PRIMARY KEY (gene, allele),
  CONSTRAINT gene_alleles_rank_unique UNIQUE (gene, dominance_rank)
);

COMMENT ON TABLE equoria.gene_alleles IS
  'Alleles of each gene. The higher dominance_rank of a pair is stored as the dominant allele.';
COMMENT ON COLUMN equoria.gene_alleles.dominance_rank IS
  'Larger is more dominant; for polygenic genes it is the position on the scale (small=1 < medium=2 < large=3).';

INSERT INTO equoria.genes (name, inheritance_pattern, description) VALUES
  ('coat_color', 'simple_dominant', 'Base coat colour: grey > bay > black > chestnut'),
  ('markings',   'recessive',       'White face markings; they only show when no plain allele is carried'),
  ('size',       'polygenic',       'Adult size: the mean of both alleles');

INSERT INTO equoria.gene_alleles (gene, allele, dominance_rank) VALUES
  ('coat_color', 'chestnut', 1),
  ('coat_color', 'black',    2),
  ('coat_color', 'bay',      3),
  ('coat_color', 'grey',     4),
  ('markings',   'blaze',    1),
  ('markings',   'stripe',   2),
  ('markings',   'snip',     3),
  ('markings',   'star',     4),
  ('markings',   'none',     5),
  ('size',       'small',    1),
  ('size',       'medium',   2),
  ('size',       'large',    3);

GRANT SELECT ON equoria.genes, equoria.gene_alleles TO equoria_app, equoria_admin, equoria_engine;
