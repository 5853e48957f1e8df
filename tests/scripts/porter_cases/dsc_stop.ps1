Write-Host 'before the configuration'
Configuration TeamsRoom {
    Node 'localhost' {
        File Log { DestinationPath = 'C:\Temp\log.txt'; Ensure = 'Present' }
    }
}
TeamsRoom
Write-Host 'never printed'
