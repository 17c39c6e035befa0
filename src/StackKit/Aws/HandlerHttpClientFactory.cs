using Amazon.Runtime;

namespace StackKit.Aws;

/// <summary>Makes the AWS SDK clients send through the handler the caller gave the connection.</summary>
internal sealed class HandlerHttpClientFactory(HttpMessageHandler handler) : HttpClientFactory
{
    public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

    // The handler is the caller's: the SDK must neither cache clients beyond the connection nor dispose it.
    public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

    public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
}
