namespace StackKit.Tests.Moto;

/// <summary>Tests that talk to moto share one server and run one at a time (moto's state is global).</summary>
[CollectionDefinition(Name)]
public sealed class UsesMoto : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
