<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="es" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Responder</source>
        <translation>Acerca de Responder</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>Versión %1</translation>
    </message>
    <message>
        <source>Calls, safety checklists and field reports for civilian 911 responders: crisis, outreach and community service teams. Works offline; syncs at the station.</source>
        <translation>Llamadas, listas de seguridad e informes de campo para equipos civiles de respuesta al 911: crisis, calle y servicio comunitario. Funciona sin conexión; se sincroniza en la estación.</translation>
    </message>
    <message>
        <source>Profile: %1</source>
        <translation>Perfil: %1</translation>
    </message>
</context>
<context>
    <name>ActiveCallCard</name>
    <message>
        <source>Active call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACTIVE CALL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NO ACTIVE CALL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a call in the queue and set it en route to work it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1   ·   received %2 ago</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 waiting in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (%1 on hold)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchExport</name>
    <message>
        <source>Export reports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallBoardModel</name>
    <message>
        <source>Call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution notes and unsynced changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Priority</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallBoardView</name>
    <message>
        <source>Filter: number, address, type, words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No calls on this device yet.
Calls arrive from the station when you sync; use “On-view call” for someone you come upon.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No call matches “%1”.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CallDetailView</name>
    <message>
        <source>Select a call on the board</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask dispatch for police backup (Ctrl+B)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request police backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>⚠  CAUTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No further status steps: this call is closed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ·  on-view, CAD number at next sync</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set status: %1 (Alt+%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap again to confirm: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistBanner</name>
    <message>
        <source>Why is it safe to go ahead? (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm: proceed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistLevelBox</name>
    <message>
        <source>Why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level: not yet scored</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, level %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistRunnerView</name>
    <message>
        <source>‹ All</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the checklists of this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Abandon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Complete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>List view</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tap again to abandon</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChecklistStepWidget</name>
    <message>
        <source>+ Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a few words</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done  (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CoRespondersPanel</name>
    <message>
        <source>Other agencies on this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co-responders on this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Their unit, e.g. 2A31</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co-responder unit id</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Already on scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arrived now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Left now</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ask your supervisor for the station address and a one-time enrollment code for your unit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>https://station.example.org</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ABCD-EFGH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>How given…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionBar</name>
    <message>
        <source>Start &amp;correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DemoStationLink</name>
    <message>
        <source>Demo offline — for its station: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo station: starting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo station on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo station unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DirectoryPicker</name>
    <message>
        <source>Resource directory</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search name, kind, address, language…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Use for referral</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Handout PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FollowUpListView</name>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start follow-up visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record attempt</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Responder is locked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation type="unfinished">Frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation type="unfinished">Comprobando…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Recovered the draft of report %1 (call %2) from %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responder — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Main</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+  On-view call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a self-initiated call (Ctrl+N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Filter the call board (Ctrl+F)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Responder: version and profile location (F1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished">Idioma</translation>
    </message>
    <message>
        <source>The window&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full window</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fold the call board away and back (F11)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Measured at the last sync: %1 s (round trip %2 ms)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Night theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the night theme (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day theme</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to the day theme (Ctrl+T)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open  ·  %2 calls on this device</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Minutes</name>
    <message>
        <source>not entered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OnViewDialog</name>
    <message>
        <source>On-view call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a call type…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address or landmark, e.g. 1200 Pacific Ave bus shelter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address or landmark</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you see</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anything the next responder must know (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution notes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start on-view call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You came upon someone who needs help. The call is created on this device now; the station gives it a CAD number at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OutreachDialog</name>
    <message>
        <source>Outreach contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where (camp, corner, landmark)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name or nickname of someone met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add as new person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No shelter outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helped (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Place</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>People met</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or nickname first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PdfPasswordDialog</name>
    <message>
        <source>Protect the PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protect with a password (AES-256)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anyone opening the file will need this password. Responder does not keep it: share it separately from the file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PeopleActions</name>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups due today and overdue (Ctrl+U)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+  Outreach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record an outreach contact: people met without a 911 call (Ctrl+O)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonRow</name>
    <message>
        <source>age ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove this person from the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Known person (linked)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonSuggestions</name>
    <message>
        <source>Known people with this name</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonsEditor</name>
    <message>
        <source>No one added yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add person</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PoliceBackupDialog</name>
    <message>
        <source>Request police backup — %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is police backup needed?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note for dispatch (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Request backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason first.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <source>Draft</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Approved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replaced by a correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (current)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crew: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportFormView</name>
    <message>
        <source>&amp;Version</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>P&amp;hotos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No report has been started for this call yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start the report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save now (Ctrl+S). Changes are also saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Finalize report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finalize (Ctrl+Enter): lock this version for review</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make a &amp;correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Locked. A correction adds a new version.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An earlier version, shown read-only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what needs correcting first</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>The report without substance-use treatment data (42 CFR Part 2); it says what was withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no reports yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPdfButton</name>
    <message>
        <source>&amp;PDF  ▾</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preview, save or print this report as a PDF</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPhotos</name>
    <message>
        <source>Add photo…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photos attached.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPrint</name>
    <message>
        <source>Print report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportSections</name>
    <message>
        <source>This version is a correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find in the resource &amp;directory…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Search the directory offline; the chosen resource fills the referral</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ServicesGrid</name>
    <message>
        <source>Services for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The person served</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SessionLock</name>
    <message>
        <source>Lock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lock the screen now (Ctrl+L)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Responder — locked</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftEndDialog</name>
    <message>
        <source>End shift — unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift in %1 since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End mileage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The shift ended earlier (correction)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why the end is entered now (e.g. app closed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Really ended</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End shift</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftRecoveryBanner</name>
    <message>
        <source>End with correction…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keep it open</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ShiftStartDialog</name>
    <message>
        <source>Start shift — unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who is on the crew?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No roster yet: it comes from the station at the next sync. Add the crew below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of someone not on the roster</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. VAN-3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start mileage</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>Find: filter the call board (arrows then move in the board)</source>
        <translation>Buscar: filtrar el tablero de llamadas (luego las flechas se mueven en el tablero)</translation>
    </message>
    <message>
        <source>Clear the board filter</source>
        <translation>Borrar el filtro del tablero</translation>
    </message>
    <message>
        <source>Start an on-view (self-initiated) call</source>
        <translation>Iniciar una llamada por iniciativa propia</translation>
    </message>
    <message>
        <source>Status steps of the call; closing a call takes a second press</source>
        <translation>Pasos de estado de la llamada; cerrar una llamada pide una segunda pulsación</translation>
    </message>
    <message>
        <source>Ask dispatch for police backup</source>
        <translation>Pedir a despacho apoyo policial</translation>
    </message>
    <message>
        <source>Details, Report and Checklists tab of the selected call</source>
        <translation>Pestañas Detalles, Informe y Listas de la llamada seleccionada</translation>
    </message>
    <message>
        <source>Full window: fold the call board away, and bring it back</source>
        <translation>Ventana completa: ocultar el tablero de llamadas y volver a mostrarlo</translation>
    </message>
    <message>
        <source>Checklist: answer the current step</source>
        <translation>Lista: responder el paso actual</translation>
    </message>
    <message>
        <source>Checklist: mark the current action step done (again: undo)</source>
        <translation>Lista: marcar hecho el paso de acción actual (otra vez: deshacer)</translation>
    </message>
    <message>
        <source>Checklist: next step, previous step</source>
        <translation>Lista: paso siguiente, paso anterior</translation>
    </message>
    <message>
        <source>Complete the checklist; finalize the report</source>
        <translation>Completar la lista; finalizar el informe</translation>
    </message>
    <message>
        <source>Report: save now (it also saves as you type)</source>
        <translation>Informe: guardar ahora (también se guarda mientras escribe)</translation>
    </message>
    <message>
        <source>Alt+underlined letter</source>
        <translation>Alt+letra subrayada</translation>
    </message>
    <message>
        <source>Report: jump to that section (Alt+D disposition, Alt+N narrative)</source>
        <translation>Informe: ir a esa sección (Alt+D disposición, Alt+N narrativa)</translation>
    </message>
    <message>
        <source>Report: next and previous section</source>
        <translation>Informe: sección siguiente y anterior</translation>
    </message>
    <message>
        <source>Next and previous control; the call board is one stop</source>
        <translation>Control siguiente y anterior; el tablero de llamadas es una sola parada</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar ahora</translation>
    </message>
    <message>
        <source>Day or night theme</source>
        <translation>Tema de día o de noche</translation>
    </message>
    <message>
        <source>Follow-ups due today and overdue</source>
        <translation>Seguimientos para hoy y atrasados</translation>
    </message>
    <message>
        <source>Record an outreach contact (no 911 call)</source>
        <translation>Registrar un contacto de alcance (sin llamada al 911)</translation>
    </message>
    <message>
        <source>Lock the screen</source>
        <translation>Bloquear la pantalla</translation>
    </message>
    <message>
        <source>About Responder, with this list</source>
        <translation>Acerca de Responder, con esta lista</translation>
    </message>
    <message>
        <source>Keyboard</source>
        <translation>Teclado</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Authorized use only. Records on this device are confidential; every sign-in, view, change and export is recorded.</source>
        <translation>Solo para uso autorizado. Los registros de este equipo son confidenciales; cada inicio de sesión, consulta, cambio y exportación queda registrado.</translation>
    </message>
    <message>
        <source>Responder — create officer</source>
        <translation>Responder — crear agente</translation>
    </message>
    <message>
        <source>Responder — sign in</source>
        <translation>Responder — iniciar sesión</translation>
    </message>
    <message>
        <source>No officer is set up on this device yet. Create the first officer (an administrator who can add others). Use a passphrase of a few unrelated words, at least 8 characters.</source>
        <translation>Todavía no hay ningún agente en este equipo. Cree el primer agente (un administrador que puede agregar a otros). Use una frase de contraseña de varias palabras sin relación entre sí, de al menos 8 caracteres.</translation>
    </message>
    <message>
        <source>Demo profile: the passphrase is %1</source>
        <translation>Perfil de demostración: la frase de contraseña es %1</translation>
    </message>
    <message>
        <source>Officer name</source>
        <translation>Nombre del agente</translation>
    </message>
    <message>
        <source>Officer</source>
        <translation>Agente</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Repita la frase de contraseña</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>Create officer and sign in</source>
        <translation>Crear agente e iniciar sesión</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Iniciar sesión</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Salir</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Las dos frases de contraseña no coinciden.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not sign in: %1</source>
        <translation>No se pudo iniciar sesión: %1</translation>
    </message>
</context>
<context>
    <name>StepWidget</name>
    <message>
        <source>What the record shows:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo  (D)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done  (D)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SwitchCallDialog</name>
    <message>
        <source>Switch to call %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (optional), e.g. which unit takes it over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sync now</source>
        <translation type="unfinished">Sincronizar ahora</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch updates from the station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send waiting changes and fetch updates (Ctrl+Shift+S)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to station: enroll this device with a code from the station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connect to station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Changes that need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These changes were not accepted as they are. They are kept on this computer; the rest of your work keeps syncing. Tell your supervisor about a conflict: the station keeps both versions.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UnitBar</name>
    <message>
        <source>No shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start shift</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>&lt;b&gt;Before this report can be finalized:&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>report_pdf</name>
    <message>
        <source>Report PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export many reports as PDFs to a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export reports</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
