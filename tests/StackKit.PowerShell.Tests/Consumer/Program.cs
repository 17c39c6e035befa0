// The program of issue 11, against the packed package with `using StackKit;` alone: once on moto (endpoint in
// args[0]), once on a fake IHttpServiceStacks. Each line it prints is checked by Packaging.Tests.ps1; what it does
// is in Consumer.cs, which tests/StackKit.Tests runs too.
using StackKit;

var endpoint = new Uri(args[0]);
using var aws = AwsConnection.Create(new AwsClientOptions { Region = "us-west-2", EndpointUrl = endpoint });
foreach (var line in await Consumer.RunAsync(new HttpServiceStacks(aws)))
{
    Console.WriteLine("moto: " + line);
}
foreach (var line in await Consumer.RunAsync(new FakeStacks()))
{
    Console.WriteLine("fake: " + line);
}
