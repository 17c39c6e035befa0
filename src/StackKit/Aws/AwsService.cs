namespace StackKit.Aws;

/// <summary>
/// The identity of one AWS service StackKit calls through its thin clients as botocore's service-2.json metadata states it: the service id
/// names its AWS_ENDPOINT_URL_* variable, the prefix its default host, the signing name its SigV4 scope.
/// </summary>
internal sealed record AwsService(string ServiceId, string EndpointPrefix, string SigningName, string ApiVersion)
{
    /// <summary>The JSON protocol's <c>X-Amz-Target</c> prefix (botocore's <c>targetPrefix</c>); null for Query services.</summary>
    public string? TargetPrefix { get; init; }

    public static readonly AwsService Logs = new("CloudWatch Logs", "logs", "logs", "2014-03-28") { TargetPrefix = "Logs_20140328" };

    public static readonly AwsService CloudFormation = new("CloudFormation", "cloudformation", "cloudformation", "2010-05-15");

    public static readonly AwsService AutoScaling = new("Auto Scaling", "autoscaling", "autoscaling", "2011-01-01");

    public static readonly AwsService ElasticLoadBalancing =
        new("Elastic Load Balancing", "elasticloadbalancing", "elasticloadbalancing", "2012-06-01");

    public static readonly AwsService ElasticLoadBalancingV2 =
        new("Elastic Load Balancing v2", "elasticloadbalancing", "elasticloadbalancing", "2015-12-01");

    public static readonly AwsService CertificateManager = new("ACM", "acm", "acm", "2015-12-08") { TargetPrefix = "CertificateManager" };

    /// <summary>Route 53 is global: one endpoint per partition (botocore's <c>globalEndpoint</c>), see <see cref="GlobalEndpoint"/>.</summary>
    public static readonly AwsService Route53 = new("Route 53", "route53", "route53", "2013-04-01");

    public static readonly AwsService Sns = new("SNS", "sns", "sns", "2010-03-31");

    public static readonly AwsService Ecr = new("ECR", "api.ecr", "ecr", "2015-09-21") { TargetPrefix = "AmazonEC2ContainerRegistry_V20150921" };

    /// <summary>
    /// The Price List Query API: answers only in us-east-1, eu-central-1 and ap-south-1, whatever the stack's region
    /// (see <see cref="Pricing.PricingClient.RegionFor"/>).
    /// </summary>
    public static readonly AwsService Pricing = new("Pricing", "api.pricing", "pricing", "2017-10-15") { TargetPrefix = "AWSPriceListService" };
}
