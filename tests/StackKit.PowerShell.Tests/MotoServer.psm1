<#
    Starts and stops a real moto_server on a free loopback port for the Pester suite, and points the AWS
    environment variables at it, as a user of moto or LocalStack would.
#>

function Start-MotoServer {
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    $port = $listener.LocalEndpoint.Port
    $listener.Stop()

    $process = Start-Process -FilePath 'moto_server' -ArgumentList '-H', '127.0.0.1', '-p', $port -PassThru `
        -RedirectStandardOutput ([System.IO.Path]::GetTempFileName()) -RedirectStandardError ([System.IO.Path]::GetTempFileName())
    $endpoint = "http://127.0.0.1:$port"
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "moto_server exited with code $($process.ExitCode) before it answered." }
        try {
            Invoke-WebRequest -Uri "$endpoint/moto-api/data.json" -UseBasicParsing -TimeoutSec 2 | Out-Null
            return [pscustomobject]@{ Process = $process; Endpoint = $endpoint }
        }
        catch {
            Start-Sleep -Milliseconds 100
        }
    }
    Stop-Process -Id $process.Id -Force
    throw "moto_server did not answer on $endpoint within 60 s."
}

function Reset-MotoServer {
    param([Parameter(Mandatory)] $Server)
    Invoke-WebRequest -Uri "$($Server.Endpoint)/moto-api/reset" -Method Post -UseBasicParsing | Out-Null
}

function Stop-MotoServer {
    param([Parameter(Mandatory)] $Server)
    if (-not $Server.Process.HasExited) {
        Stop-Process -Id $Server.Process.Id -Force
        $Server.Process.WaitForExit()
    }
}

Export-ModuleMember -Function Start-MotoServer, Reset-MotoServer, Stop-MotoServer
