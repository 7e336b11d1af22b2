// One lab for the whole matrix: its own broker and database, the seeded input and the golden run, shared by every fault.
[assembly: AssemblyFixture(typeof(Expunge.Chaos.ChaosLab))]
