<#
    The key cmdlets and the servers' fleet mode together: the stack's key table on moto, and the Release build of
    StackKit.Server started as the instances would run it, each with its own ~/.ssh, syncing from that table.
#>
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot '../../scripts/LocalServices.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot '../../StackKit.psd1') -Force
    $serverDll = Join-Path $PSScriptRoot '../../src/StackKit.Server/bin/Release/net10.0/StackKit.Server.dll'
    if (-not (Test-Path $serverDll)) { throw "No Release build of the server at $serverDll; run 'dotnet build StackKit.slnx -c Release' first." }
    $moto = Start-MotoServer
    Set-MotoEnvironment
    $PSDefaultParameterValues['*-HttpService*:EndpointUrl'] = $moto.Endpoint
    $servers = [System.Collections.Generic.List[object]]::new()

    function Start-FleetServer([string] $Table) {
        $folder = Join-Path $TestDrive "server-$($servers.Count + 1)"
        $ssh = Join-Path $folder '.ssh'
        install -d -m 700 $ssh
        $port = Get-FreeLoopbackPort
        $start = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
        foreach ($argument in $serverDll, '--urls', "http://127.0.0.1:$port") { $start.ArgumentList.Add($argument) }
        $start.RedirectStandardOutput = $true
        $start.RedirectStandardError = $true
        $settings = @{
            KeyInjection__SshDirectory        = $ssh
            KeyInjection__Username            = 'deploy'
            KeyInjection__Password            = 'fleet-test-password'
            KeyInjection__Fleet__TableName    = $Table
            KeyInjection__Fleet__SyncInterval = '00:00:01'
            AWS_REGION                        = 'us-east-1'
            AWS_ENDPOINT_URL_DYNAMODB         = $moto.Endpoint
        }
        foreach ($name in $settings.Keys) { $start.Environment[$name] = $settings[$name] }
        $process = [System.Diagnostics.Process]::Start($start)
        # Drain the output so the server never blocks on a full pipe.
        $process.BeginOutputReadLine()
        $process.BeginErrorReadLine()
        $server = [pscustomobject]@{ Process = $process; AuthorizedKeys = Join-Path $ssh 'authorized_keys' }
        $servers.Add($server)
        Wait-HttpReady -Url "http://127.0.0.1:$port/" -Process $process -Name "server $($servers.Count)"
        $server
    }

    # What sshd reads: authorized_keys and, for OpenSSH 10, the files of authorized_keys.d (dotfiles skipped).
    function Get-KeyLine($Server) {
        $files = @($Server.AuthorizedKeys) + @(Get-ChildItem -Path "$($Server.AuthorizedKeys).d" -File -ErrorAction SilentlyContinue | ForEach-Object FullName)
        $files | Where-Object { Test-Path $_ } | ForEach-Object { Get-Content $_ }
    }

    # Whether a server's lines hold the key: as written, or after the options the server gives it (restrict,pty,expiry-time).
    function Test-KeyLine([string[]] $Lines, [string] $Key) {
        @($Lines | Where-Object { "$_" -ceq $Key -or "$_".EndsWith(" $Key", [StringComparison]::Ordinal) }).Count -gt 0
    }

    # Polls until every server passes the test or 15 s (the issue's bound) have passed; returns the time taken.
    function Wait-AllServers([object[]] $On, [scriptblock] $Until) {
        $clock = [System.Diagnostics.Stopwatch]::StartNew()
        while ($clock.Elapsed.TotalSeconds -lt 15) {
            if (@($On | Where-Object { -not (& $Until (Get-KeyLine $_)) }).Count -eq 0) { return $clock.Elapsed }
            Start-Sleep -Milliseconds 200
        }
        throw "Not every server got there within 15 s: $(@($On | ForEach-Object { (Get-KeyLine $_) -join ' | ' }) -join ' || ')"
    }

    function New-TestKey([string] $Comment) {
        $file = Join-Path $TestDrive "key-$([guid]::NewGuid().ToString('N'))"
        ssh-keygen -q -t ed25519 -N '' -C $Comment -f $file | Out-Null
        (Get-Content -Raw "$file.pub").TrimEnd("`n")
    }
}

AfterAll {
    foreach ($server in $servers) {
        if (-not $server.Process.HasExited) { $server.Process.Kill($true); $server.Process.WaitForExit() }
    }
    $PSDefaultParameterValues.Remove('*-HttpService*:EndpointUrl')
    Stop-MotoServer $moto
}

Describe 'Keys for the whole fleet' {
    BeforeAll {
        Reset-MotoServer $moto
        $table = (New-HttpServiceStack -StackName fleet -NoSshAccess -WarningAction SilentlyContinue).Outputs['KeyTable']
        $first = 1..3 | ForEach-Object { Start-FleetServer $table }
        # A line no server wrote (the EC2 key pair's, say), on one of them.
        $foreign = New-TestKey 'key-pair'
        Add-Content -Path $first[0].AuthorizedKeys -Value $foreign
        $alice = New-TestKey 'alice'
    }

    It 'Add-HttpServiceSshKey reaches three running servers and a fourth started later' {
        Add-HttpServiceSshKey -StackName fleet -PublicKey $alice
        $took = Wait-AllServers -On $first -Until { param($lines) Test-KeyLine $lines $alice }
        Write-Host "  the key reached 3 servers in $([int]$took.TotalMilliseconds) ms"
        $fourth = Start-FleetServer $table
        Wait-AllServers -On $fourth -Until { param($lines) Test-KeyLine $lines $alice } | Out-Null
        # The stack's default lifetime (12 hours) and no forwarding: sshd itself enforces both.
        Get-KeyLine $fourth | Where-Object { "$_".EndsWith(" $alice", [StringComparison]::Ordinal) } | Should -Match '^restrict,pty,expiry-time="\d{14}Z" '
    }

    It 'Remove-HttpServiceSshKey locks the key out everywhere and leaves foreign lines alone' {
        Get-HttpServiceSshKey -StackName fleet | Where-Object Comment -EQ 'alice' | Remove-HttpServiceSshKey -Force
        Wait-AllServers -On $servers -Until { param($lines) -not (Test-KeyLine $lines $alice) } | Out-Null
        Get-KeyLine $first[0] | Should -Contain $foreign
    }
}
