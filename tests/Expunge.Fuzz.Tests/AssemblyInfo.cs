[assembly: AssemblyFixture(typeof(Expunge.Testing.Infrastructure))]
