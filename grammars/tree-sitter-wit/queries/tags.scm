; placeholder until written
