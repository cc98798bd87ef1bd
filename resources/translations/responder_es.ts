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
    <name>Autosaver</name>
    <message>
        <source>Not saved: %1. Your last edits were not stored.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchExport</name>
    <message>
        <source>Exporting reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export reports</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 of %2 reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The export stopped unexpectedly.</source>
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
    <message>
        <source>The call the unit is working</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On hold: the unit switched to another call; it waits in the queue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caution notes: read them before you approach</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes not yet sent to the station</source>
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
        <source>5150 Mental-health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>46 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At destination</source>
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
        <source>Status not changed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backup request not saved</source>
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
        <source>Request police
co-response</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand back
to dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proceed
(write why)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police co-response requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed back to dispatch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Proceeded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why is it safe to go ahead? (required)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Confirm: proceed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Also: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at %2</source>
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
    <message>
        <source>%1 — score %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> · raised: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Raised because: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No risk answers.</source>
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
        <source>%1 checklist file(s) could not be loaded and are not offered: %2. Run &apos;responder checklists validate&apos; on them for details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Select a call to see its checklists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checklists unavailable: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested for this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done on this call</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other checklists</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume: %1
In progress since %2</source>
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
        <source>Still needed: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to complete.</source>
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
        <source>Yes  (Y)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose all that apply.</source>
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
    <message>
        <source>Report response: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No other agency recorded: the report says the civilian team was alone unless you choose otherwise.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1%2  ·  %3  ·  arrived %4  ·  left %5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Co-responder not added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time not saved</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CodeCombo</name>
    <message>
        <source>Choose…</source>
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
        <source>Connecting…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentEditor</name>
    <message>
        <source>Co&amp;nsent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>With whom</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For what</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until (YYYY-MM-DD)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Witness (for a verbal consent)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refused</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How given…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (from %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>recorded %1 UTC%2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CorrectionBar</name>
    <message>
        <source>What needs correcting, and why?</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>The demo&apos;s own station at %1 (pid %2): a dispatcher sends calls to the unit and a supervisor reviews its reports. It stops when the last demo window closes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Demo station unavailable</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Caller</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dispatcher narrative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Flags</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No caller information</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No narrative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police backup requested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>    Note: %1</source>
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
    <message>
        <source>%1 shown of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No directory yet: sync with the station to get it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One page for the person, up to %1 resources</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 selected for the handout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who can go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Languages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Beds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>The disk is full. Nothing was written and your draft is kept. Free some space (or call IT), then try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The local database could not be written. Your last saved work is safe; try again, and call IT if it keeps happening.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix the fields named above and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This record is finalized. Make a correction instead of editing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use one of the status buttons shown for this call.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It may have been removed by the station. Refresh the board.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your work is kept on this device and will be sent at the next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check your passphrase or officer id.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Secrets are kept in memory for this session only.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be made. The report itself is safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something went wrong inside Responder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your saved work is safe. The details were written to the log file; please tell IT what you were doing.</source>
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
    <message>
        <source>%1 overdue · %2 due today · %3 later</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 attempt(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up visit started: call %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attempt recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> — follow-up done</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GroupedCodeCombo</name>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KnownHerePanel</name>
    <message>
        <source>Known here · %1 earlier contact(s)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 at this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Safety</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>someone at this address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>… and %1 more</source>
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
    <message>
        <source>On-view call not created</source>
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
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accepted</source>
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
        <source>Known: </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type a name or nickname first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New: %1 · %2</source>
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
    <message>
        <source>Follow-ups (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PersonRow</name>
    <message>
        <source>Known triggers (for the next team)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What helped (&quot;responds well to …&quot;)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (if given)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>age ?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Note (e.g. how to reach them)</source>
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
        <source>Known person: </source>
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
        <source>Could not start the report: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Returned by the reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recovered after the app closed unexpectedly: this draft was last saved at %1. Check the end of the narrative.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved as you type</source>
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
        <source>%1 left to finalize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready to finalize</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not finalized: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say what needs correcting first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the correction: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportNavigator</name>
    <message>
        <source>%1  ·  9 needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>  ·  %1 needed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>Preview</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Print…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save police copy…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report without substance-use treatment data (42 CFR Part 2); it says what was withheld</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export reports…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save police copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save report PDF</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
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
    <message>
        <source>Export reports to folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The PDF could not be made.</source>
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
    <message>
        <source>Add a photo to this report</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo not added: %1</source>
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
        <source>The report could not be printed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>to file %1; %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The report was not printed.

%1

You can save it as a PDF instead and print that file elsewhere.</source>
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
        <source>What does this correction change, and why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Persons contacted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;What was involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Perceived disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few words, e.g. &quot;uses a walker&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other disability</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disposition and outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the CAD disposition…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome (tick all that apply)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transported to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the place, e.g. the hospital</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the agency or program</source>
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
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ser&amp;vices offered, accepted or declined</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police &amp;backup and 988</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police backup was requested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>911 call transferred to 988</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warm transfer to 988 on scene</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-&amp;up and time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up is needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who should do what, and by when?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time on task</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Narrative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, in your words. Saved as you type.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReportSummary</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Crew</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Involved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Police backup</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>age %1</source>
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
        <source>not on roster</source>
        <translation type="unfinished"></translation>
    </message>
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
    <message>
        <source>Type the person&apos;s name first.</source>
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
        <source>The unit is working call %1 (%2). What happens to it?</source>
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
        <source>Sending</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uploading photos</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation type="unfinished"></translation>
    </message>
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
        <source>Starting…</source>
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
        <source>Refused by the station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conflict (both kept)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changes that need attention</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These changes were not accepted as they are. They are kept on this computer; the rest of your work keeps syncing. Tell your supervisor about a conflict: the station keeps both versions.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Result</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station&apos;s reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(no reason given)</source>
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
    <message>
        <source>Service state not changed</source>
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
    <name>autosave</name>
    <message>
        <source>Not saved: the report could not be written (%1) — your text is kept here and saving will be retried.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not saved: %1 — your text is kept here and saving will be retried.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>call_board_model</name>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>connect_dialog</name>
    <message>
        <source>Connected to %1 as unit %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>person_suggestions</name>
    <message>
        <source>last seen %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not seen yet</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>report_pdf</name>
    <message>
        <source>PDF saved: %1</source>
        <translation type="unfinished"></translation>
    </message>
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
    <message>
        <source>%1 report PDF(s) exported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> before you cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>report_summary</name>
    <message>
        <source>Yes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>report_validation</name>
    <message>
        <source>Consent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>shift_end_dialog</name>
    <message>
        <source>  ·  %1 miles</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h on shift  ·  %2 calls  ·  %3 min on task%4</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sync_panel</name>
    <message>
        <source>Not connected to a station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>sync_problems</name>
    <message>
        <source>Report %1 v%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>On-view call at %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
