-- What: drops equoria.gene_alleles and equoria.genes with their rows.
-- Why:  undoes 0006.

DROP TABLE equoria.gene_alleles;
DROP TABLE equoria.genes;
