using StackKit.Stacks;

namespace StackKit.HttpService;

/// <summary>
/// The instances' first-boot script, as an <c>Fn::Sub</c> template: it installs Docker and the CloudFormation
/// helper scripts from the distribution, runs the service as ec2-user with ec2-user's <c>~/.ssh</c> mounted and its credentials from a root-only env file
/// (so <c>POST /add_public_key</c> reaches <c>authorized_keys</c>), waits until it answers and, with an instance role,
/// until the load balancer routes to it, and signals the outcome with the instance's own cfn-signal. A failed step
/// signals failure, so a broken server fails the deploy instead of timing out. CloudFormation takes a signal only while
/// a create or update waits for one: a server launched by scaling or as a replacement gets "cannot be signaled", which
/// is no failure of the server, so its boot ends complete (exit 0) with a line saying nobody waited. Each step prints <c>stackkit: step N/M: ...</c> and a failure
/// <c>stackkit: FAILED at step N/M: ... (exit code X)</c> to cloud-init's output, which reaches the console: the
/// lines <see cref="BootConsole"/> quotes when a deploy fails.
/// </summary>
internal static class UserDataScript
{
    /// <summary>How many times, a quarter second apart, the boot asks the service for its answer: two minutes at least.</summary>
    private const int HealthTries = 480;

    /// <summary>Seconds the boot waits for the load balancer to find the server healthy (2 checks 5 s apart, with room).</summary>
    public const int HealthyWaitSeconds = 300;

    // Seconds between two questions to the load balancer. Its state changes only at a health check (every
    // HttpServiceTemplate.HealthCheckIntervalSeconds); asking every 2 s sees "healthy" at most 2 s after the change
    // (every 5 s: up to 5 s of a boot spent waiting), at one small API call per booting server every 2 s.
    private const int HealthPollSeconds = 2;

    /// <summary>What CloudFormation answers a signal nobody waits for: "Stack … is in UPDATE_COMPLETE state and cannot be signaled".</summary>
    public const string NotAwaited = "cannot be signaled";

    /// <summary>The size at which Docker starts a new log file for the container.</summary>
    public const string LogFileMaxSize = "10m";

    /// <summary>How many log files Docker keeps: with <see cref="LogFileMaxSize"/>, at most 50 MB of output.</summary>
    public const int LogFileCount = 5;

    /// <param name="dockerImageParameter">The parameter naming the image.</param>
    /// <param name="groupLogicalId">The Auto Scaling group the instance signals.</param>
    /// <param name="containerPort">The port the service listens on in its container.</param>
    /// <param name="keyTableLogicalId">The fleet's key table, or null for keys kept per server.</param>
    /// <param name="logGroupLogicalId">The stack's log group, or null for logs kept on each instance only.</param>
    /// <param name="healthCheck">How to ask the load balancer whether it routes to this server (needs the instance role), or null to skip.</param>
    /// <param name="sshKeyLifetimeHours">The lifetime of keys POSTed without one (0: they never expire); null leaves the server's own default.</param>
    /// <param name="allowSshForwarding">Whether keys may forward (their lines without <c>restrict,pty</c>).</param>
    /// <param name="privateImages">Whether the instance role may pull from ECR: Docker then logs in to an ECR image's registry.</param>
    /// <param name="keyApproval">Whether POSTed keys wait for an approver (with the key table only).</param>
    public static string For(string dockerImageParameter, string groupLogicalId, int containerPort, string? keyTableLogicalId, string? logGroupLogicalId = null, LoadBalancerHealth? healthCheck = null,
        int? sshKeyLifetimeHours = null, bool allowSshForwarding = false, bool privateImages = false, bool keyApproval = false)
    {
        var steps = healthCheck is null ? 6 : 7;
        return string.Join("\n",
            "#!/bin/bash",
            "set -uo pipefail",
            "signal() {",
            "  /opt/aws/bin/cfn-signal --exit-code \"$1\" --stack '${AWS::StackName}' --resource " + groupLogicalId + " --region '${AWS::Region}'",
            "}",
            "# A failure is reported whether or not a stack operation waits for the signal.",
            "# Step lines go to the console (aws ec2 get-console-output), so a failed boot says where it stopped and why.",
            "current='starting'",
            "# Each step line carries the seconds since the kernel started (/proc/uptime): the boot's profile.",
            "since_boot() { local up _; read -r up _ < /proc/uptime; echo \"$up\"; }",
            "step() { current=\"step $1/" + steps + ": $2\"; echo \"" + BootConsole.StepMarker + "$1/" + steps + " at $(since_boot) s: $2\"; }",
            "failed() {",
            "  trap - ERR",
            "  echo \"" + BootConsole.FailedMarker + "at $current (exit code $1)\"",
            "  refusal=$(signal 1 2>&1) || [[ \"$refusal\" == *'" + NotAwaited + "'* ]] || echo \"$refusal\"",
            "  exit 1",
            "}",
            "trap 'failed $?' ERR",
            "set -e",
            "# cfn-signal first, so any later failure can still be reported instead of timing out. Only what the AMI lacks is",
            "# installed, in one transaction: the ECS-optimized AMI has Docker, not the helper scripts" + (healthCheck is null ? "." : " or the AWS CLI (it is built on the minimal AMI)."),
            "missing=''",
            "[ -x /opt/aws/bin/cfn-signal ] || missing=\"$missing aws-cfn-bootstrap\"",
            "command -v docker > /dev/null || missing=\"$missing docker\"",
            healthCheck is null ? "# No instance role: the boot makes no AWS CLI call." : "command -v aws > /dev/null || missing=\"$missing awscli-2\"",
            "if [ -z \"$missing\" ]; then",
            "  step 1 'installing nothing: the AMI has " + (healthCheck is null ? "cfn-signal and Docker" : "cfn-signal, Docker and the AWS CLI") + "'",
            "else",
            "  step 1 \"installing what the AMI lacks:$missing\"",
            "  # One word a package: split on purpose.",
            "  # shellcheck disable=SC2086",
            "  dnf install -y $missing || { sleep 10; dnf install -y $missing; }",
            "fi",
            "step 2 'starting Docker'",
            "# The ECS-optimized AMI's container agent would register this server with a cluster named default: it stays off.",
            "if systemctl cat ecs.service > /dev/null 2>&1; then systemctl mask --now ecs.service; fi",
            "systemctl enable --now docker",
            "step 3 \"preparing ec2-user's ~/.ssh and the service's settings\"",
            "home=/home/ec2-user",
            "install -d -m 700 -o ec2-user -g ec2-user \"$home/.ssh\"",
            "# The service's credentials go through a root-only file, never the command line (visible in ps).",
            "install -d -m 700 /etc/stackkit && install -m 600 /dev/null /etc/stackkit/service.env",
            "# One append a setting, as several are there only for some stacks (SC2129 would group them).",
            "# shellcheck disable=SC2129",
            "echo 'KeyInjection__Username=${" + HttpServiceNames.ServiceUsername + "}' >> /etc/stackkit/service.env",
            "# Only the load balancer reaches port 80 (security group), and it appends the client's address to X-Forwarded-For.",
            "echo 'KeyInjection__TrustForwardedFor=true' >> /etc/stackkit/service.env" + KeyLineSettings(sshKeyLifetimeHours, allowSshForwarding),
            "# Only the password's salted slow hash is here: nothing in the launch template or metadata yields the password.",
            "# Its dollar signs separate its fields and stay literal in the single quotes.",
            "# shellcheck disable=SC2016",
            "password_hash='${" + HttpServiceNames.ServicePasswordHash + "}'",
            "if [ -n \"$password_hash\" ]; then echo \"KeyInjection__PasswordHash=$password_hash\" >> /etc/stackkit/service.env; fi" + FleetSettings(keyTableLogicalId, keyApproval),
            "step 4 'pulling image ${" + dockerImageParameter + "}'" + EcrLogin(dockerImageParameter, privateImages),
            "docker pull --quiet '${" + dockerImageParameter + "}'",
            "step 5 'starting the service container'" + InstanceIdLine(logGroupLogicalId is not null || healthCheck is not null),
            "# Hardened: a read-only root file system, no capability, no privilege gained through exec, no shared memory, and",
            "# a read-only /dev/mqueue over the writable one Docker mounts even then: the service writes to ~/.ssh alone.",
            "docker run --detach --restart always --name http-service --env-file /etc/stackkit/service.env \\",
            "  --read-only --cap-drop ALL --security-opt no-new-privileges --ipc none --tmpfs /dev/mqueue:ro \\",
            "  " + LogOptions(logGroupLogicalId) + " \\",
            "  --user \"$(id -u ec2-user):$(id -g ec2-user)\" --env HOME=\"$home\" \\",
            "  --volume \"$home/.ssh:$home/.ssh\" --publish 80:" + containerPort + " \\",
            "  '${" + dockerImageParameter + "}'",
            "step 6 'waiting for the service to answer on port 80'",
            "# Every quarter second for up to two minutes, on every error: Docker's port proxy accepts and then resets",
            "# connections while the server starts, and a native server answers within a second of its start.",
            "# If it never answers, the container's last log lines go to the console before the failure line.",
            "for (( tries = 0; tries < " + HealthTries + "; tries++ )); do",
            "  code=0; curl --silent --fail --max-time 2 --output /dev/null http://127.0.0.1/ || code=$?",
            "  (( code == 0 )) && break",
            "  sleep 0.25",
            "done",
            "if (( code != 0 )); then docker logs --tail 20 http-service 2>&1 | sed 's/^/" + BootConsole.Marker + "service log: /' || true; failed \"$code\"; fi",
            WaitForLoadBalancer(healthCheck),
            "echo \"" + BootConsole.Marker + "boot complete at $(since_boot) s: the service answers on port 80\"",
            "# Only a create or an update waits for this signal; otherwise CloudFormation refuses it, and that is no failure.",
            "if ! refusal=$(signal 0 2>&1); then",
            "  if [[ \"$refusal\" == *'" + NotAwaited + "'* ]]; then echo '" + BootConsole.Marker + "no stack operation awaits a signal: nothing to report'; else echo \"$refusal\"; failed 1; fi",
            "fi",
            string.Empty);
    }

    // The old server leaves a rolling update once this one signals: signal only when the load balancer routes here.
    private static string WaitForLoadBalancer(LoadBalancerHealth? healthCheck) => healthCheck is null
        ? string.Empty
        : "step 7 'waiting for the load balancer to route to this server'\n" +
          "for (( waited = 0; ; waited += " + HealthPollSeconds + " )); do\n" +
          "  state=$(aws " + healthCheck.Command + " --region '${AWS::Region}' --output text) || state=unknown\n" +
          "  [ \"$state\" = " + healthCheck.Healthy + " ] && break\n" +
          "  (( waited < " + HealthyWaitSeconds + " )) || { echo \"" + BootConsole.Marker + "the load balancer still reports $state\"; false; }\n" +
          "  sleep " + HealthPollSeconds + "\n" +
          "done";

    // cloud-init's own record of the instance, read without a network call: it names the instance's log stream and is
    // what the load balancer knows the server by.
    private static string InstanceIdLine(bool needed) => !needed
        ? string.Empty
        : "\ninstance_id=$(cloud-init query instance_id)" +
          "\n[[ \"$instance_id\" =~ ^i-[0-9a-f]+$ ]] || { echo \"" + BootConsole.Marker + "cloud-init gave no instance id ($instance_id)\"; false; }";

    // Without central logs, Docker's json-file driver keeps at most LogFileCount files of LogFileMaxSize. With them,
    // the awslogs driver sends each line to the stack's group, in the instance's own stream; non-blocking mode with a
    // 4 MB buffer keeps the service answering when CloudWatch is slow (lines beyond the buffer are dropped, not
    // waited for), and the local cache behind `docker logs` is bounded exactly as json-file was.
    private static string LogOptions(string? logGroupLogicalId) => logGroupLogicalId is null
        ? "--log-driver json-file --log-opt max-size=" + LogFileMaxSize + " --log-opt max-file=" + LogFileCount
        : "--log-driver awslogs --log-opt awslogs-region='${AWS::Region}' --log-opt awslogs-group='${" + logGroupLogicalId + "}' " +
          "--log-opt awslogs-stream=\"$instance_id\" --log-opt mode=non-blocking --log-opt max-buffer-size=4m " +
          "--log-opt cache-max-size=" + LogFileMaxSize + " --log-opt cache-max-file=" + LogFileCount;

    // An image in ECR: Docker asks the ECR credential helper (a small package of AL2023's) for a token at every pull, with
    // the instance role's credentials, so the servers log in whenever they pull, on any boot, and no password or token
    // is written anywhere. Docker Hub, GHCR and the others stay anonymous.
    private static string EcrLogin(string dockerImageParameter, bool privateImages) => !privateImages
        ? string.Empty
        : "\nregistry=$(echo '${" + dockerImageParameter + "}' | cut -d / -f 1)" +
          "\necr_registry='" + Aws.Ecr.EcrRegistry.HostPattern + "'" +
          "\nif [[ \"$registry\" =~ $ecr_registry ]]; then" +
          "\n  dnf install -y amazon-ecr-credential-helper" +
          "\n  install -d -m 700 /root/.docker" +
          "\n  echo \"{\\\"credHelpers\\\": {\\\"$registry\\\": \\\"ecr-login\\\"}}\" > /root/.docker/config.json" +
          "\nfi";

    // How the server writes key lines: their default lifetime, and forwarding only when the stack allows it.
    private static string KeyLineSettings(int? lifetimeHours, bool allowForwarding) =>
        (lifetimeHours is { } hours
            ? "\necho 'KeyInjection__DefaultKeyLifetime=" + TimeSpan.FromHours(hours).ToString("c", System.Globalization.CultureInfo.InvariantCulture) + "' >> /etc/stackkit/service.env"
            : string.Empty)
        + (allowForwarding ? "\necho 'KeyInjection__AllowForwarding=true' >> /etc/stackkit/service.env" : string.Empty);

    // The key table's name and the region, for the SDK in the container (its credentials come from the instance
    // role), and key approval when the stack asks for it; no lines at all without the key store.
    private static string FleetSettings(string? keyTableLogicalId, bool keyApproval) => keyTableLogicalId is null
        ? string.Empty
        : "\necho 'KeyInjection__Fleet__TableName=${" + keyTableLogicalId + "}' >> /etc/stackkit/service.env" +
          (keyApproval ? "\necho 'KeyInjection__Fleet__KeyApproval=true' >> /etc/stackkit/service.env" : string.Empty) +
          "\necho 'AWS_REGION=${AWS::Region}' >> /etc/stackkit/service.env";

    /// <summary>The AWS CLI call (after <c>aws</c>) that prints this server's state in the load balancer, and the state that means routed.</summary>
    internal sealed record LoadBalancerHealth(string Command, string Healthy, string Action)
    {
        /// <summary>The classic load balancer, named by the <c>Fn::Sub</c> reference <paramref name="loadBalancer"/>.</summary>
        public static LoadBalancerHealth Classic(string loadBalancer) => new(
            "elb describe-instance-health --load-balancer-name '${" + loadBalancer + "}' --instances \"$instance_id\" --query 'InstanceStates[0].State'",
            "InService",
            "elasticloadbalancing:DescribeInstanceHealth");

        /// <summary>The target group, named by the <c>Fn::Sub</c> reference <paramref name="targetGroup"/>.</summary>
        public static LoadBalancerHealth Application(string targetGroup) => new(
            "elbv2 describe-target-health --target-group-arn '${" + targetGroup + "}' --targets Id=\"$instance_id\" --query 'TargetHealthDescriptions[0].TargetHealth.State'",
            "healthy",
            "elasticloadbalancing:DescribeTargetHealth");
    }
}
