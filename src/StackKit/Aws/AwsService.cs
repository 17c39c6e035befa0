namespace StackKit.Aws;

/// <summary>
/// The identity of one AWS Query-protocol service as botocore's service-2.json metadata states it: the service id
/// names its AWS_ENDPOINT_URL_* variable, the prefix its default host, the signing name its SigV4 scope.
/// </summary>
internal sealed record AwsService(string ServiceId, string EndpointPrefix, string SigningName, string ApiVersion)
{
    public static readonly AwsService CloudFormation = new("CloudFormation", "cloudformation", "cloudformation", "2010-05-15");

    public static readonly AwsService AutoScaling = new("Auto Scaling", "autoscaling", "autoscaling", "2011-01-01");

    public static readonly AwsService ElasticLoadBalancing =
        new("Elastic Load Balancing", "elasticloadbalancing", "elasticloadbalancing", "2012-06-01");

    public static readonly AwsService ElasticLoadBalancingV2 =
        new("Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing", "2015-12-01");
}
