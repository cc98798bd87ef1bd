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
        <translation>Llamada activa</translation>
    </message>
    <message>
        <source>ACTIVE CALL</source>
        <translation>LLAMADA ACTIVA</translation>
    </message>
    <message>
        <source>NO ACTIVE CALL</source>
        <translation>SIN LLAMADA ACTIVA</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Unidad %1</translation>
    </message>
    <message>
        <source>Choose a call in the queue and set it en route to work it.</source>
        <translation>Elija una llamada de la cola y márquela en camino para atenderla.</translation>
    </message>
    <message>
        <source>%1   ·   received %2 ago</source>
        <translation>%1   ·   recibida hace %2</translation>
    </message>
    <message>
        <source>%1 waiting in the queue</source>
        <translation>%1 en espera en la cola</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Nada en espera</translation>
    </message>
    <message>
        <source> (%1 on hold)</source>
        <translation> (%1 en pausa)</translation>
    </message>
</context>
<context>
    <name>Autosaver</name>
    <message>
        <source>Not saved: %1. Your last edits were not stored.</source>
        <translation>No guardado: %1. Sus últimos cambios no se almacenaron.</translation>
    </message>
</context>
<context>
    <name>BatchExport</name>
    <message>
        <source>Exporting reports…</source>
        <translation>Exportando informes…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
    <message>
        <source>Export reports</source>
        <translation>Exportar informes</translation>
    </message>
    <message>
        <source>Exported %1 of %2 reports…</source>
        <translation>Exportados %1 de %2 informes…</translation>
    </message>
    <message>
        <source>The export stopped unexpectedly.</source>
        <translation>La exportación se detuvo inesperadamente.</translation>
    </message>
</context>
<context>
    <name>CallBoardModel</name>
    <message>
        <source>Call</source>
        <translation>Llamada</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Tipo</translation>
    </message>
    <message>
        <source>P</source>
        <translation>P</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Dirección</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Hace</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Estado</translation>
    </message>
    <message>
        <source>Caution notes and unsynced changes</source>
        <translation>Notas de precaución y cambios sin sincronizar</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>Prioridad</translation>
    </message>
    <message>
        <source>The call the unit is working</source>
        <translation>La llamada que atiende la unidad</translation>
    </message>
    <message>
        <source>On hold: the unit switched to another call; it waits in the queue</source>
        <translation>En pausa: la unidad pasó a otra llamada; espera en la cola</translation>
    </message>
    <message>
        <source>Caution notes: read them before you approach</source>
        <translation>Notas de precaución: léalas antes de acercarse</translation>
    </message>
    <message>
        <source>Changes not yet sent to the station</source>
        <translation>Cambios aún no enviados a la estación</translation>
    </message>
</context>
<context>
    <name>CallBoardView</name>
    <message>
        <source>Filter: number, address, type, words</source>
        <translation>Filtrar: número, dirección, tipo, palabras</translation>
    </message>
    <message>
        <source>Filter calls</source>
        <translation>Filtrar llamadas</translation>
    </message>
    <message>
        <source>Call board</source>
        <translation>Tablero de llamadas</translation>
    </message>
    <message>
        <source>5150 Mental-health</source>
        <translation>5150 Salud mental</translation>
    </message>
    <message>
        <source>46 min</source>
        <translation>46 min</translation>
    </message>
    <message>
        <source>At destination</source>
        <translation>En el destino</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 de %2</translation>
    </message>
    <message>
        <source>%1 calls</source>
        <translation>%1 llamadas</translation>
    </message>
    <message>
        <source>No calls on this device yet.
Calls arrive from the station when you sync; use “On-view call” for someone you come upon.</source>
        <translation>Aún no hay llamadas en este equipo.
Las llamadas llegan de la estación al sincronizar; use «Llamada en el lugar» para alguien que encuentre en la calle.</translation>
    </message>
    <message>
        <source>No call matches “%1”.</source>
        <translation>Ninguna llamada coincide con «%1».</translation>
    </message>
</context>
<context>
    <name>CallDetailView</name>
    <message>
        <source>Select a call on the board</source>
        <translation>Seleccione una llamada en el tablero</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Detalles</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Informe</translation>
    </message>
    <message>
        <source>Police backup</source>
        <translation>Apoyo policial</translation>
    </message>
    <message>
        <source>Ask dispatch for police backup (Ctrl+B)</source>
        <translation>Pedir a despacho apoyo policial (Ctrl+B)</translation>
    </message>
    <message>
        <source>Request police backup</source>
        <translation>Pedir apoyo policial</translation>
    </message>
    <message>
        <source>⚠  CAUTION</source>
        <translation>⚠  PRECAUCIÓN</translation>
    </message>
    <message>
        <source>Caution notes</source>
        <translation>Notas de precaución</translation>
    </message>
    <message>
        <source>No further status steps: this call is closed.</source>
        <translation>No hay más pasos de estado: esta llamada está cerrada.</translation>
    </message>
    <message>
        <source>Status not changed</source>
        <translation>Estado no cambiado</translation>
    </message>
    <message>
        <source>Backup request not saved</source>
        <translation>Solicitud de apoyo no guardada</translation>
    </message>
    <message>
        <source>  ·  on-view, CAD number at next sync</source>
        <translation>  ·  en el lugar, número CAD en la próxima sincronización</translation>
    </message>
    <message>
        <source>Set status: %1 (Alt+%2)</source>
        <translation>Cambiar estado: %1 (Alt+%2)</translation>
    </message>
    <message>
        <source>Tap again</source>
        <translation>Toque otra vez</translation>
    </message>
    <message>
        <source>Tap again to confirm: %1</source>
        <translation>Toque otra vez para confirmar: %1</translation>
    </message>
</context>
<context>
    <name>Calls</name>
    <message>
        <source>No call with id {id}</source>
        <translation>No hay ninguna llamada con el id {id}</translation>
    </message>
    <message>
        <source>Cannot go from {now} to {wanted}; next steps are: {allowed}</source>
        <translation>No se puede pasar de {now} a {wanted}; los pasos siguientes son: {allowed}</translation>
    </message>
    <message>
        <source>none</source>
        <translation>ninguno</translation>
    </message>
    <message>
        <source>The unit is working call {active}; switch to call {call} first (hold, clear or hand over {active})</source>
        <translation>La unidad está atendiendo la llamada {active}; cambie primero a la llamada {call} (ponga en espera, cierre o traspase {active})</translation>
    </message>
    <message>
        <source>Call {call} is closed</source>
        <translation>La llamada {call} está cerrada</translation>
    </message>
    <message>
        <source>Say what happens to call {call}: {offered}</source>
        <translation>Indique qué pasa con la llamada {call}: {offered}</translation>
    </message>
    <message>
        <source>Clear or hold the active call before going out of service</source>
        <translation>Cierre o ponga en espera la llamada activa antes de salir de servicio</translation>
    </message>
    <message>
        <source>Choose why backup is needed</source>
        <translation>Elija por qué se necesita apoyo</translation>
    </message>
    <message>
        <source>choose a call type</source>
        <translation>elija un tipo de llamada</translation>
    </message>
    <message>
        <source>say where you are (address or landmark)</source>
        <translation>indique dónde está (dirección o punto de referencia)</translation>
    </message>
    <message>
        <source>The on-view call is missing details</source>
        <translation>A la llamada por iniciativa propia le faltan datos</translation>
    </message>
</context>
<context>
    <name>ChecklistBanner</name>
    <message>
        <source>Request police
co-response</source>
        <translation>Pedir respuesta
conjunta con policía</translation>
    </message>
    <message>
        <source>Hand back
to dispatch</source>
        <translation>Devolver
a despacho</translation>
    </message>
    <message>
        <source>Proceed
(write why)</source>
        <translation>Continuar
(escriba por qué)</translation>
    </message>
    <message>
        <source>Police co-response requested</source>
        <translation>Respuesta conjunta con policía solicitada</translation>
    </message>
    <message>
        <source>Handed back to dispatch</source>
        <translation>Devuelta a despacho</translation>
    </message>
    <message>
        <source>Proceeded</source>
        <translation>Se continuó</translation>
    </message>
    <message>
        <source>Why is it safe to go ahead? (required)</source>
        <translation>¿Por qué es seguro continuar? (obligatorio)</translation>
    </message>
    <message>
        <source>Confirm: proceed</source>
        <translation>Confirmar: continuar</translation>
    </message>
    <message>
        <source>Also: </source>
        <translation>También: </translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 a las %2</translation>
    </message>
</context>
<context>
    <name>ChecklistLevelBox</name>
    <message>
        <source>Why?</source>
        <translation>¿Por qué?</translation>
    </message>
    <message>
        <source>Level: not yet scored</source>
        <translation>Nivel: aún sin puntuar</translation>
    </message>
    <message>
        <source>%1 — score %2</source>
        <translation>%1 — puntuación %2</translation>
    </message>
    <message>
        <source> · raised: %1</source>
        <translation> · elevado: %1</translation>
    </message>
    <message>
        <source>Raised because: </source>
        <translation>Elevado porque: </translation>
    </message>
    <message>
        <source>Why: </source>
        <translation>Por qué: </translation>
    </message>
    <message>
        <source>No risk answers.</source>
        <translation>Ninguna respuesta de riesgo.</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <source>In progress</source>
        <translation>En curso</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Completada</translation>
    </message>
    <message>
        <source>Abandoned</source>
        <translation>Abandonada</translation>
    </message>
    <message>
        <source>%1 checklist file(s) could not be loaded and are not offered: %2. Run &apos;responder checklists validate&apos; on them for details.</source>
        <translation>No se pudieron cargar %1 archivo(s) de listas y no se ofrecen: %2. Ejecute &apos;responder checklists validate&apos; con ellos para ver los detalles.</translation>
    </message>
    <message>
        <source>Select a call to see its checklists.</source>
        <translation>Seleccione una llamada para ver sus listas.</translation>
    </message>
    <message>
        <source>Checklists unavailable: %1</source>
        <translation>Listas no disponibles: %1</translation>
    </message>
    <message>
        <source>Suggested for this call</source>
        <translation>Sugeridas para esta llamada</translation>
    </message>
    <message>
        <source>Done on this call</source>
        <translation>Hechas en esta llamada</translation>
    </message>
    <message>
        <source>Other checklists</source>
        <translation>Otras listas</translation>
    </message>
    <message>
        <source>for %1</source>
        <translation>para %1</translation>
    </message>
    <message>
        <source>flagged: %1</source>
        <translation>marcado: %1</translation>
    </message>
    <message>
        <source>for every call</source>
        <translation>para toda llamada</translation>
    </message>
    <message>
        <source>Resume: %1
In progress since %2</source>
        <translation>Reanudar: %1
En curso desde las %2</translation>
    </message>
    <message>
        <source>, level %1</source>
        <translation>, nivel %1</translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 a las %2</translation>
    </message>
</context>
<context>
    <name>ChecklistRunnerView</name>
    <message>
        <source>completed</source>
        <translation>completada</translation>
    </message>
    <message>
        <source>abandoned</source>
        <translation>abandonada</translation>
    </message>
    <message>
        <source>in_progress</source>
        <translation>en curso</translation>
    </message>
    <message>
        <source>‹ All</source>
        <translation>‹ Todas</translation>
    </message>
    <message>
        <source>Back to the checklists of this call</source>
        <translation>Volver a las listas de esta llamada</translation>
    </message>
    <message>
        <source>‹ Back</source>
        <translation>‹ Atrás</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Siguiente ›</translation>
    </message>
    <message>
        <source>Abandon</source>
        <translation>Abandonar</translation>
    </message>
    <message>
        <source>Complete</source>
        <translation>Completar</translation>
    </message>
    <message>
        <source>Step view</source>
        <translation>Paso a paso</translation>
    </message>
    <message>
        <source>List view</source>
        <translation>Vista de lista</translation>
    </message>
    <message>
        <source>%1/%2 done</source>
        <translation>%1/%2 hechos</translation>
    </message>
    <message>
        <source>%1 to go</source>
        <translation>faltan %1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>lista</translation>
    </message>
    <message>
        <source>answer: %1</source>
        <translation>responder: %1</translation>
    </message>
    <message>
        <source>End of checklist.</source>
        <translation>Fin de la lista.</translation>
    </message>
    <message>
        <source>Still needed: </source>
        <translation>Falta: </translation>
    </message>
    <message>
        <source>Ready to complete.</source>
        <translation>Lista para completar.</translation>
    </message>
    <message>
        <source>Not saved: %1</source>
        <translation>No guardado: %1</translation>
    </message>
    <message>
        <source>Tap again to abandon</source>
        <translation>Toque otra vez para abandonar</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguna</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Hecho</translation>
    </message>
</context>
<context>
    <name>ChecklistStepWidget</name>
    <message>
        <source>+ Note</source>
        <translation>+ Nota</translation>
    </message>
    <message>
        <source>Yes  (Y)</source>
        <translation>Sí  (Y)</translation>
    </message>
    <message>
        <source>Choose all that apply.</source>
        <translation>Marque todas las que correspondan.</translation>
    </message>
    <message>
        <source>Type a few words</source>
        <translation>Escriba unas palabras</translation>
    </message>
    <message>
        <source>Done  (D)</source>
        <translation>Hecho  (D)</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>Nota (opcional)</translation>
    </message>
</context>
<context>
    <name>Checklists</name>
    <message>
        <source>No checklist called {definition_id}</source>
        <translation>No hay ninguna lista de verificación llamada {definition_id}</translation>
    </message>
    <message>
        <source>Unknown checklist mode {mode}</source>
        <translation>Modo de lista de verificación desconocido: {mode}</translation>
    </message>
    <message>
        <source>step or list</source>
        <translation>paso a paso o lista</translation>
    </message>
    <message>
        <source>No checklist run with id {run_id}</source>
        <translation>No hay ninguna lista en curso con el id {run_id}</translation>
    </message>
    <message>
        <source>Checklist {id} version {version} is not available</source>
        <translation>La lista de verificación {id}, versión {version}, no está disponible</translation>
    </message>
    <message>
        <source>No item {item_id} in this checklist</source>
        <translation>Esta lista de verificación no tiene el punto {item_id}</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>desconocido</translation>
    </message>
    <message>
        <source>{item_id} is not an action step</source>
        <translation>{item_id} no es un paso de acción</translation>
    </message>
    <message>
        <source>not an action</source>
        <translation>no es una acción</translation>
    </message>
    <message>
        <source>No stop rule is waiting for a decision</source>
        <translation>Ninguna regla de alto espera una decisión</translation>
    </message>
    <message>
        <source>{action} is not offered for this stop rule</source>
        <translation>{action} no se ofrece para esta regla de alto</translation>
    </message>
    <message>
        <source>not offered</source>
        <translation>no se ofrece</translation>
    </message>
    <message>
        <source>Write why it is safe to proceed</source>
        <translation>Escriba por qué es seguro continuar</translation>
    </message>
    <message>
        <source>required to proceed</source>
        <translation>necesario para continuar</translation>
    </message>
    <message>
        <source>Cannot complete the checklist yet: {blocking}</source>
        <translation>Todavía no se puede completar la lista de verificación: {blocking}</translation>
    </message>
    <message>
        <source>This checklist was {state}; start a new one</source>
        <translation>Esta lista de verificación está en estado {state}; empiece una nueva</translation>
    </message>
</context>
<context>
    <name>CoResponders</name>
    <message>
        <source>No call with id {call_id}</source>
        <translation>No hay ninguna llamada con el id {call_id}</translation>
    </message>
    <message>
        <source>choose the agency</source>
        <translation>elija la agencia</translation>
    </message>
    <message>
        <source>say who asked for whom</source>
        <translation>indique quién pidió a quién</translation>
    </message>
    <message>
        <source>at most {n} characters</source>
        <translation>como máximo {n} caracteres</translation>
    </message>
    <message>
        <source>The co-responder is missing details</source>
        <translation>Al corresponsal le faltan datos</translation>
    </message>
    <message>
        <source>They cannot leave before they arrived</source>
        <translation>No pueden irse antes de haber llegado</translation>
    </message>
    <message>
        <source>before the arrival time</source>
        <translation>antes de la hora de llegada</translation>
    </message>
    <message>
        <source>No co-responder with id {co_id}</source>
        <translation>No hay ningún corresponsal con el id {co_id}</translation>
    </message>
</context>
<context>
    <name>CoRespondersPanel</name>
    <message>
        <source>Other agencies on this call</source>
        <translation>Otras agencias en esta llamada</translation>
    </message>
    <message>
        <source>Co-responders on this call</source>
        <translation>Agencias que responden junto con usted</translation>
    </message>
    <message>
        <source>Their unit, e.g. 2A31</source>
        <translation>Su unidad, p. ej. 2A31</translation>
    </message>
    <message>
        <source>Co-responder unit id</source>
        <translation>Unidad de la otra agencia</translation>
    </message>
    <message>
        <source>Already on scene</source>
        <translation>Ya en el lugar</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>Arrived now</source>
        <translation>Llegó ahora</translation>
    </message>
    <message>
        <source>Left now</source>
        <translation>Se fue ahora</translation>
    </message>
    <message>
        <source>Report response: %1</source>
        <translation>Respuesta en el informe: %1</translation>
    </message>
    <message>
        <source>No other agency recorded: the report says the civilian team was alone unless you choose otherwise.</source>
        <translation>Ninguna otra agencia registrada: el informe dirá que el equipo civil estuvo solo, salvo que elija otra cosa.</translation>
    </message>
    <message>
        <source>%1%2  ·  %3  ·  arrived %4  ·  left %5</source>
        <translation>%1%2  ·  %3  ·  llegó %4  ·  se fue %5</translation>
    </message>
    <message>
        <source>Co-responder not added</source>
        <translation>Agencia no agregada</translation>
    </message>
    <message>
        <source>Time not saved</source>
        <translation>Hora no guardada</translation>
    </message>
</context>
<context>
    <name>CodeCombo</name>
    <message>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
</context>
<context>
    <name>ConnectDialog</name>
    <message>
        <source>Connect to station</source>
        <translation>Conectar con la estación</translation>
    </message>
    <message>
        <source>Ask your supervisor for the station address and a one-time enrollment code for your unit.</source>
        <translation>Pida a su supervisor la dirección de la estación y un código de registro de un solo uso para su unidad.</translation>
    </message>
    <message>
        <source>https://station.example.org</source>
        <translation>https://station.example.org</translation>
    </message>
    <message>
        <source>ABCD-EFGH</source>
        <translation>ABCD-EFGH</translation>
    </message>
    <message>
        <source>Station address</source>
        <translation>Dirección de la estación</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Código</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>Conectar</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Conectando…</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Listo</translation>
    </message>
    <message>
        <source>Could not connect: %1</source>
        <translation>No se pudo conectar: %1</translation>
    </message>
</context>
<context>
    <name>ConsentEditor</name>
    <message>
        <source>Co&amp;nsent</source>
        <translation>C&amp;onsentimiento</translation>
    </message>
</context>
<context>
    <name>ConsentRow</name>
    <message>
        <source>With whom</source>
        <translation>Con quién</translation>
    </message>
    <message>
        <source>For what</source>
        <translation>Para qué</translation>
    </message>
    <message>
        <source>Until (YYYY-MM-DD)</source>
        <translation>Hasta (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>Witness (for a verbal consent)</source>
        <translation>Testigo (para un consentimiento verbal)</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>No registrado</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Otorgado</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Rechazado</translation>
    </message>
    <message>
        <source>How given…</source>
        <translation>Cómo se otorgó…</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Registrar</translation>
    </message>
    <message>
        <source> (from %1)</source>
        <translation> (de %1)</translation>
    </message>
    <message>
        <source>recorded %1 UTC%2</source>
        <translation>registrado %1 UTC%2</translation>
    </message>
</context>
<context>
    <name>CorrectionBar</name>
    <message>
        <source>What needs correcting, and why?</source>
        <translation>¿Qué hay que corregir y por qué?</translation>
    </message>
    <message>
        <source>Start &amp;correction</source>
        <translation>Iniciar &amp;corrección</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancelar</translation>
    </message>
</context>
<context>
    <name>DemoStationLink</name>
    <message>
        <source>Demo offline — for its station: %1</source>
        <translation>Demo sin conexión — para su estación: %1</translation>
    </message>
    <message>
        <source>Demo offline</source>
        <translation>Demo sin conexión</translation>
    </message>
    <message>
        <source>Demo station: starting…</source>
        <translation>Estación de demo: iniciando…</translation>
    </message>
    <message>
        <source>Demo station on</source>
        <translation>Estación de demo activa</translation>
    </message>
    <message>
        <source>The demo&apos;s own station at %1 (pid %2): a dispatcher sends calls to the unit and a supervisor reviews its reports. It stops when the last demo window closes.</source>
        <translation>La estación propia de la demo en %1 (pid %2): un despachador envía llamadas a la unidad y un supervisor revisa sus informes. Se detiene cuando se cierra la última ventana de la demo.</translation>
    </message>
    <message>
        <source>Demo station unavailable</source>
        <translation>Estación de demo no disponible</translation>
    </message>
</context>
<context>
    <name>DetailsPage</name>
    <message>
        <source>Location</source>
        <translation>Ubicación</translation>
    </message>
    <message>
        <source>Caller</source>
        <translation>Persona que llamó</translation>
    </message>
    <message>
        <source>Dispatcher narrative</source>
        <translation>Narrativa del despachador</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Cronología</translation>
    </message>
    <message>
        <source>No caller information</source>
        <translation>Sin datos de quien llamó</translation>
    </message>
    <message>
        <source>No narrative</source>
        <translation>Sin narrativa</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Recibida</translation>
    </message>
    <message>
        <source>Police backup requested: %1</source>
        <translation>Apoyo policial solicitado: %1</translation>
    </message>
    <message>
        <source>    Note: %1</source>
        <translation>    Nota: %1</translation>
    </message>
</context>
<context>
    <name>DirectoryPicker</name>
    <message>
        <source>Resource directory</source>
        <translation>Directorio de recursos</translation>
    </message>
    <message>
        <source>Search name, kind, address, language…</source>
        <translation>Buscar nombre, tipo, dirección, idioma…</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>Todos los tipos</translation>
    </message>
    <message>
        <source>&amp;Use for referral</source>
        <translation>&amp;Usar para la derivación</translation>
    </message>
    <message>
        <source>&amp;Handout PDF</source>
        <translation>&amp;Hoja para la persona (PDF)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Cerrar</translation>
    </message>
    <message>
        <source>%1 shown of %2</source>
        <translation>%1 mostrados de %2</translation>
    </message>
    <message>
        <source>No directory yet: sync with the station to get it</source>
        <translation>Aún no hay directorio: sincronice con la estación para obtenerlo</translation>
    </message>
    <message>
        <source>One page for the person, up to %1 resources</source>
        <translation>Una página para la persona, hasta %1 recursos</translation>
    </message>
    <message>
        <source>%1 selected for the handout</source>
        <translation>%1 elegidos para la hoja</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Horario</translation>
    </message>
    <message>
        <source>Who can go</source>
        <translation>Quién puede ir</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>Idiomas</translation>
    </message>
    <message>
        <source>Beds</source>
        <translation>Camas</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <source>The disk is full. Nothing was written and your draft is kept. Free some space (or call IT), then try again.</source>
        <translation>El disco está lleno. No se escribió nada y su borrador se conserva. Libere espacio (o llame a informática) y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>The local database could not be written. Your last saved work is safe; try again, and call IT if it keeps happening.</source>
        <translation>No se pudo escribir en la base de datos local. Su último trabajo guardado está a salvo; vuelva a intentarlo y llame a informática si sigue pasando.</translation>
    </message>
    <message>
        <source>Fix the fields named above and try again.</source>
        <translation>Corrija los campos indicados arriba y vuelva a intentarlo.</translation>
    </message>
    <message>
        <source>This record is finalized. Make a correction instead of editing it.</source>
        <translation>Este registro está finalizado. Haga una corrección en lugar de editarlo.</translation>
    </message>
    <message>
        <source>Use one of the status buttons shown for this call.</source>
        <translation>Use uno de los botones de estado que se muestran para esta llamada.</translation>
    </message>
    <message>
        <source>It may have been removed by the station. Refresh the board.</source>
        <translation>Puede que la estación lo haya eliminado. Actualice el tablero.</translation>
    </message>
    <message>
        <source>Your work is kept on this device and will be sent at the next sync.</source>
        <translation>Su trabajo se guarda en este equipo y se enviará en la próxima sincronización.</translation>
    </message>
    <message>
        <source>Check your passphrase or officer id.</source>
        <translation>Revise su frase de contraseña o su identificador de agente.</translation>
    </message>
    <message>
        <source>Secrets are kept in memory for this session only.</source>
        <translation>Los secretos se guardan en memoria solo durante esta sesión.</translation>
    </message>
    <message>
        <source>The PDF could not be made. The report itself is safe.</source>
        <translation>No se pudo crear el PDF. El informe en sí está a salvo.</translation>
    </message>
    <message>
        <source>Something went wrong inside Responder.</source>
        <translation>Algo falló dentro de Responder.</translation>
    </message>
    <message>
        <source>Your saved work is safe. The details were written to the log file; please tell IT what you were doing.</source>
        <translation>Su trabajo guardado está a salvo. Los detalles se escribieron en el archivo de registro; cuente a informática qué estaba haciendo.</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>Persons contacted</source>
        <translation>Personas contactadas</translation>
    </message>
    <message>
        <source>Flags</source>
        <translation>Indicadores</translation>
    </message>
    <message>
        <source>Perceived disability</source>
        <translation>Discapacidad percibida</translation>
    </message>
    <message>
        <source>Other disability</source>
        <translation>Otra discapacidad</translation>
    </message>
    <message>
        <source>Language needed</source>
        <translation>Idioma necesario</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Disposición</translation>
    </message>
    <message>
        <source>Report language</source>
        <translation>Idioma del informe</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Response</source>
        <translation>Tipo de respuesta</translation>
    </message>
    <message>
        <source>Call came from</source>
        <translation>Origen de la llamada</translation>
    </message>
    <message>
        <source>Transported by</source>
        <translation>Trasladado en</translation>
    </message>
    <message>
        <source>Transported to</source>
        <translation>Trasladado a</translation>
    </message>
    <message>
        <source>Facility</source>
        <translation>Centro</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Derivaciones</translation>
    </message>
    <message>
        <source>Agency named</source>
        <translation>Agencia indicada</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <source>Shelter placement</source>
        <translation>Ubicación en albergue</translation>
    </message>
    <message>
        <source>Hold or admission by others</source>
        <translation>Retención o ingreso por otros</translation>
    </message>
    <message>
        <source>Why handed to police</source>
        <translation>Por qué se entregó a la policía</translation>
    </message>
    <message>
        <source>911 call transferred to 988</source>
        <translation>Llamada al 911 transferida al 988</translation>
    </message>
    <message>
        <source>Warm transfer to 988 on scene</source>
        <translation>Transferencia acompañada al 988 en el lugar</translation>
    </message>
    <message>
        <source>Backup reason</source>
        <translation>Motivo del apoyo</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Time on task</source>
        <translation>Tiempo dedicado</translation>
    </message>
    <message>
        <source>Narrative</source>
        <translation>Narración</translation>
    </message>
    <message>
        <source>Reason for correction</source>
        <translation>Motivo de la corrección</translation>
    </message>
</context>
<context>
    <name>FollowUpListView</name>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Open follow-ups</source>
        <translation>Seguimientos pendientes</translation>
    </message>
    <message>
        <source>What happened (optional)</source>
        <translation>Qué pasó (opcional)</translation>
    </message>
    <message>
        <source>Start follow-up visit</source>
        <translation>Iniciar visita de seguimiento</translation>
    </message>
    <message>
        <source>Record attempt</source>
        <translation>Registrar intento</translation>
    </message>
    <message>
        <source>%1 overdue · %2 due today · %3 later</source>
        <translation>%1 vencidos · %2 para hoy · %3 después</translation>
    </message>
    <message>
        <source>OVERDUE</source>
        <translation>VENCIDO</translation>
    </message>
    <message>
        <source>TODAY</source>
        <translation>HOY</translation>
    </message>
    <message>
        <source>%1 attempt(s)</source>
        <translation>%1 intento(s)</translation>
    </message>
    <message>
        <source>Follow-up visit started: call %1</source>
        <translation>Visita de seguimiento iniciada: llamada %1</translation>
    </message>
    <message>
        <source>Attempt recorded</source>
        <translation>Intento registrado</translation>
    </message>
    <message>
        <source> — follow-up done</source>
        <translation> — seguimiento hecho</translation>
    </message>
</context>
<context>
    <name>GroupedCodeCombo</name>
    <message>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
</context>
<context>
    <name>KnownHerePanel</name>
    <message>
        <source>Known here · %1 earlier contact(s)</source>
        <translation>Conocido aquí · %1 contacto(s) anterior(es)</translation>
    </message>
    <message>
        <source>, %1 at this address</source>
        <translation>, %1 en esta dirección</translation>
    </message>
    <message>
        <source>&lt;b&gt;Violence noted&lt;/b&gt; on %1 contact(s), last %2: %3</source>
        <translation>&lt;b&gt;Violencia registrada&lt;/b&gt; en %1 contacto(s), el último el %2: %3</translation>
    </message>
    <message>
        <source>Safety</source>
        <translation>Seguridad</translation>
    </message>
    <message>
        <source>Triggers</source>
        <translation>Detonantes</translation>
    </message>
    <message>
        <source>What helped</source>
        <translation>Qué ayudó</translation>
    </message>
    <message>
        <source>&lt;b&gt;Open follow-up&lt;/b&gt; (due %1): %2</source>
        <translation>&lt;b&gt;Seguimiento pendiente&lt;/b&gt; (vence el %1): %2</translation>
    </message>
    <message>
        <source>someone at this address</source>
        <translation>alguien en esta dirección</translation>
    </message>
    <message>
        <source>… and %1 more</source>
        <translation>… y %1 más</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Responder is locked</source>
        <translation>Responder está bloqueado</translation>
    </message>
    <message>
        <source>Signed in as %1. Enter your passphrase to continue.</source>
        <translation>Sesión iniciada como %1. Escriba su frase de contraseña para continuar.</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Frase de contraseña</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Desbloquear</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Cerrar sesión</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Comprobando…</translation>
    </message>
    <message>
        <source>Could not check the passphrase</source>
        <translation>No se pudo comprobar la frase de contraseña</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Recovered the draft of report %1 (call %2) from %3</source>
        <translation>Se recuperó el borrador del informe %1 (llamada %2) de las %3</translation>
    </message>
    <message>
        <source>Responder — %1</source>
        <translation>Responder — %1</translation>
    </message>
    <message>
        <source>Checklists</source>
        <translation>Listas</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Principal</translation>
    </message>
    <message>
        <source>+  On-view call</source>
        <translation>+  Llamada propia</translation>
    </message>
    <message>
        <source>Start a self-initiated call (Ctrl+N)</source>
        <translation>Iniciar una llamada por iniciativa propia (Ctrl+N)</translation>
    </message>
    <message>
        <source>Find</source>
        <translation>Buscar</translation>
    </message>
    <message>
        <source>Filter the call board (Ctrl+F)</source>
        <translation>Filtrar el tablero de llamadas (Ctrl+F)</translation>
    </message>
    <message>
        <source>About</source>
        <translation>Acerca de</translation>
    </message>
    <message>
        <source>About Responder: version and profile location (F1)</source>
        <translation>Acerca de Responder: versión y ubicación del perfil (F1)</translation>
    </message>
    <message>
        <source>More</source>
        <translation>Más</translation>
    </message>
    <message>
        <source>More actions: station, export, outreach, language, theme, About</source>
        <translation>Más acciones: estación, exportar, alcance, idioma, tema, Acerca de</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Idioma</translation>
    </message>
    <message>
        <source>The window&apos;s language</source>
        <translation>El idioma de la ventana</translation>
    </message>
    <message>
        <source>Open report</source>
        <translation>Abrir informe</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Descartar</translation>
    </message>
    <message>
        <source>Unit %1</source>
        <translation>Unidad %1</translation>
    </message>
    <message>
        <source>Full window</source>
        <translation>Ventana completa</translation>
    </message>
    <message>
        <source>Fold the call board away and back (F11)</source>
        <translation>Ocultar y volver a mostrar el tablero de llamadas (F11)</translation>
    </message>
    <message>
        <source>Measured at the last sync: %1 s (round trip %2 ms)</source>
        <translation>Medido en la última sincronización: %1 s (ida y vuelta %2 ms)</translation>
    </message>
    <message>
        <source>Night theme</source>
        <translation>Tema nocturno</translation>
    </message>
    <message>
        <source>Switch to the night theme (Ctrl+T)</source>
        <translation>Cambiar al tema nocturno (Ctrl+T)</translation>
    </message>
    <message>
        <source>Day theme</source>
        <translation>Tema diurno</translation>
    </message>
    <message>
        <source>Switch to the day theme (Ctrl+T)</source>
        <translation>Cambiar al tema diurno (Ctrl+T)</translation>
    </message>
    <message>
        <source>%1 open  ·  %2 calls on this device</source>
        <translation>%1 abiertas  ·  %2 en este equipo</translation>
    </message>
</context>
<context>
    <name>Minutes</name>
    <message>
        <source>not entered</source>
        <translation>sin dato</translation>
    </message>
    <message>
        <source> min</source>
        <translation> min</translation>
    </message>
</context>
<context>
    <name>OnViewDialog</name>
    <message>
        <source>On-view call</source>
        <translation>Llamada en el lugar</translation>
    </message>
    <message>
        <source>Call type</source>
        <translation>Tipo de llamada</translation>
    </message>
    <message>
        <source>Choose a call type…</source>
        <translation>Elija un tipo de llamada…</translation>
    </message>
    <message>
        <source>Address or landmark, e.g. 1200 Pacific Ave bus shelter</source>
        <translation>Dirección o punto de referencia, p. ej. parada de autobús de 1200 Pacific Ave</translation>
    </message>
    <message>
        <source>Address or landmark</source>
        <translation>Dirección o punto de referencia</translation>
    </message>
    <message>
        <source>What you see</source>
        <translation>Lo que ve</translation>
    </message>
    <message>
        <source>Anything the next responder must know (optional)</source>
        <translation>Lo que el próximo equipo debe saber (opcional)</translation>
    </message>
    <message>
        <source>Caution notes</source>
        <translation>Notas de precaución</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Dónde</translation>
    </message>
    <message>
        <source>Caution</source>
        <translation>Precaución</translation>
    </message>
    <message>
        <source>Start on-view call</source>
        <translation>Iniciar llamada en el lugar</translation>
    </message>
    <message>
        <source>You came upon someone who needs help. The call is created on this device now; the station gives it a CAD number at the next sync.</source>
        <translation>Encontró a alguien que necesita ayuda. La llamada se crea ahora en este equipo; la estación le da un número CAD en la próxima sincronización.</translation>
    </message>
    <message>
        <source>On-view call not created</source>
        <translation>Llamada en el lugar no creada</translation>
    </message>
</context>
<context>
    <name>OutreachDialog</name>
    <message>
        <source>Outreach contact</source>
        <translation>Contacto de alcance en la calle</translation>
    </message>
    <message>
        <source>Where (camp, corner, landmark)</source>
        <translation>Dónde (campamento, esquina, punto de referencia)</translation>
    </message>
    <message>
        <source>Name or nickname of someone met</source>
        <translation>Nombre o apodo de alguien con quien habló</translation>
    </message>
    <message>
        <source>Add as new person</source>
        <translation>Agregar como persona nueva</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Servicio</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Ofrecido</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Aceptado</translation>
    </message>
    <message>
        <source>No shelter outcome</source>
        <translation>Sin resultado de albergue</translation>
    </message>
    <message>
        <source>What helped (optional)</source>
        <translation>Qué ayudó (opcional)</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Lugar</translation>
    </message>
    <message>
        <source>People met</source>
        <translation>Personas contactadas</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Servicios</translation>
    </message>
    <message>
        <source>Shelter</source>
        <translation>Albergue</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>Known: </source>
        <translation>Conocido: </translation>
    </message>
    <message>
        <source>Type a name or nickname first</source>
        <translation>Escriba primero un nombre o apodo</translation>
    </message>
    <message>
        <source>New: %1 · %2</source>
        <translation>Nuevo: %1 · %2</translation>
    </message>
</context>
<context>
    <name>PdfPasswordDialog</name>
    <message>
        <source>Protect the PDF</source>
        <translation>Proteger el PDF</translation>
    </message>
    <message>
        <source>Protect with a password (AES-256)</source>
        <translation>Proteger con contraseña (AES-256)</translation>
    </message>
    <message>
        <source>Anyone opening the file will need this password. Responder does not keep it: share it separately from the file.</source>
        <translation>Quien abra el archivo necesitará esta contraseña. Responder no la guarda: compártala aparte del archivo.</translation>
    </message>
    <message>
        <source>The passwords do not match.</source>
        <translation>Las contraseñas no coinciden.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Contraseña</translation>
    </message>
    <message>
        <source>Confirm</source>
        <translation>Confirmar</translation>
    </message>
</context>
<context>
    <name>People</name>
    <message>
        <source>No known person {person_id}</source>
        <translation>No hay ninguna persona conocida {person_id}</translation>
    </message>
    <message>
        <source>A known person needs a name or a nickname</source>
        <translation>Una persona conocida necesita un nombre o un apodo</translation>
    </message>
    <message>
        <source>enter a name or nickname</source>
        <translation>escriba un nombre o un apodo</translation>
    </message>
    <message>
        <source>Unknown age range</source>
        <translation>Rango de edad desconocido</translation>
    </message>
    <message>
        <source>choose an age range</source>
        <translation>elija un rango de edad</translation>
    </message>
    <message>
        <source>Unknown outcome</source>
        <translation>Resultado desconocido</translation>
    </message>
    <message>
        <source>choose an outcome</source>
        <translation>elija un resultado</translation>
    </message>
    <message>
        <source>say where (a place name or landmark)</source>
        <translation>indique dónde (un lugar o punto de referencia)</translation>
    </message>
    <message>
        <source>add at least one person met</source>
        <translation>añada al menos una persona con quien se habló</translation>
    </message>
    <message>
        <source>unknown services: {value}</source>
        <translation>servicios desconocidos: {value}</translation>
    </message>
    <message>
        <source>choose a shelter outcome</source>
        <translation>elija un resultado de albergue</translation>
    </message>
    <message>
        <source>The outreach contact is missing details</source>
        <translation>Al contacto de acercamiento le faltan datos</translation>
    </message>
    <message>
        <source>say what the follow-up is</source>
        <translation>indique en qué consiste el seguimiento</translation>
    </message>
    <message>
        <source>give the date it is due (YYYY-MM-DD)</source>
        <translation>indique la fecha límite (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>The follow-up is missing details</source>
        <translation>Al seguimiento le faltan datos</translation>
    </message>
    <message>
        <source>choose what happened</source>
        <translation>elija qué pasó</translation>
    </message>
    <message>
        <source>No follow-up {follow_up_id}</source>
        <translation>No hay ningún seguimiento {follow_up_id}</translation>
    </message>
    <message>
        <source>Unknown consent</source>
        <translation>Consentimiento desconocido</translation>
    </message>
    <message>
        <source>choose a consent</source>
        <translation>elija un consentimiento</translation>
    </message>
    <message>
        <source>Unknown consent method</source>
        <translation>Forma de consentimiento desconocida</translation>
    </message>
    <message>
        <source>verbal or signed</source>
        <translation>verbal o firmado</translation>
    </message>
    <message>
        <source>Bad date</source>
        <translation>Fecha no válida</translation>
    </message>
    <message>
        <source>give a date (YYYY-MM-DD)</source>
        <translation>indique una fecha (AAAA-MM-DD)</translation>
    </message>
    <message>
        <source>retention_days is not a number of days</source>
        <translation>retention_days no es un número de días</translation>
    </message>
</context>
<context>
    <name>PeopleActions</name>
    <message>
        <source>Follow-ups</source>
        <translation>Seguimientos</translation>
    </message>
    <message>
        <source>Follow-ups due today and overdue (Ctrl+U)</source>
        <translation>Seguimientos para hoy y vencidos (Ctrl+U)</translation>
    </message>
    <message>
        <source>+  Outreach</source>
        <translation>+  Alcance</translation>
    </message>
    <message>
        <source>Record an outreach contact: people met without a 911 call (Ctrl+O)</source>
        <translation>Registrar un contacto de alcance: personas atendidas sin llamada al 911 (Ctrl+O)</translation>
    </message>
    <message>
        <source>Follow-ups (%1)</source>
        <translation>Seguimientos (%1)</translation>
    </message>
</context>
<context>
    <name>PersonRow</name>
    <message>
        <source>Known triggers (for the next team)</source>
        <translation>Detonantes conocidos (para el próximo equipo)</translation>
    </message>
    <message>
        <source>What helped (&quot;responds well to …&quot;)</source>
        <translation>Qué ayudó (&quot;responde bien a …&quot;)</translation>
    </message>
    <message>
        <source>Role…</source>
        <translation>Rol…</translation>
    </message>
    <message>
        <source>Name (if given)</source>
        <translation>Nombre (si lo dio)</translation>
    </message>
    <message>
        <source>age ?</source>
        <translation>edad ?</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Teléfono</translation>
    </message>
    <message>
        <source>Note (e.g. how to reach them)</source>
        <translation>Nota (p. ej. cómo localizarle)</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Quitar</translation>
    </message>
    <message>
        <source>Remove this person from the report</source>
        <translation>Quitar a esta persona del informe</translation>
    </message>
    <message>
        <source>Known person: </source>
        <translation>Persona conocida: </translation>
    </message>
    <message>
        <source>Known person (linked)</source>
        <translation>Persona conocida (vinculada)</translation>
    </message>
</context>
<context>
    <name>PersonSuggestions</name>
    <message>
        <source>Known people with this name</source>
        <translation>Personas conocidas con este nombre</translation>
    </message>
</context>
<context>
    <name>PersonsEditor</name>
    <message>
        <source>No one added yet.</source>
        <translation>Aún no se agregó a nadie.</translation>
    </message>
    <message>
        <source>&amp;Add person</source>
        <translation>&amp;Agregar persona</translation>
    </message>
</context>
<context>
    <name>Photos</name>
    <message>
        <source>No such report</source>
        <translation>No existe ese informe</translation>
    </message>
    <message>
        <source>Report {number} is {state}</source>
        <translation>El informe {number} está en estado {state}</translation>
    </message>
    <message>
        <source>{name} is {size:.1f} MB; photos can be at most {most:.0f} MB</source>
        <translation>{name} pesa {size:.1f} MB; las fotos pueden pesar como máximo {most:.0f} MB</translation>
    </message>
    <message>
        <source>{name} is not a photo (JPEG, PNG, GIF, WebP or TIFF)</source>
        <translation>{name} no es una foto (JPEG, PNG, GIF, WebP o TIFF)</translation>
    </message>
    <message>
        <source>Cannot read {path}: {why}</source>
        <translation>No se puede leer {path}: {why}</translation>
    </message>
</context>
<context>
    <name>PoliceBackupDialog</name>
    <message>
        <source>Request police backup — %1</source>
        <translation>Pedir apoyo policial — %1</translation>
    </message>
    <message>
        <source>Why is police backup needed?</source>
        <translation>¿Por qué se necesita apoyo policial?</translation>
    </message>
    <message>
        <source>Note for dispatch (optional)</source>
        <translation>Nota para despacho (opcional)</translation>
    </message>
    <message>
        <source>Backup note</source>
        <translation>Nota del apoyo</translation>
    </message>
    <message>
        <source>Request backup</source>
        <translation>Pedir apoyo</translation>
    </message>
    <message>
        <source>Choose a reason first.</source>
        <translation>Elija primero un motivo.</translation>
    </message>
</context>
<context>
    <name>ReportForm</name>
    <message>
        <source>Draft</source>
        <translation>Borrador</translation>
    </message>
    <message>
        <source>Returned for changes</source>
        <translation>Devuelto para cambios</translation>
    </message>
    <message>
        <source>Finalized</source>
        <translation>Finalizado</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Aprobado</translation>
    </message>
    <message>
        <source>Replaced by a correction</source>
        <translation>Reemplazado por una corrección</translation>
    </message>
    <message>
        <source> (current)</source>
        <translation> (actual)</translation>
    </message>
    <message>
        <source>Report %1</source>
        <translation>Informe %1</translation>
    </message>
    <message>
        <source>Crew: %1</source>
        <translation>Equipo: %1</translation>
    </message>
</context>
<context>
    <name>ReportFormView</name>
    <message>
        <source>&amp;Version</source>
        <translation>V&amp;ersión</translation>
    </message>
    <message>
        <source>P&amp;hotos</source>
        <translation>Fo&amp;tos</translation>
    </message>
    <message>
        <source>No report has been started for this call yet.</source>
        <translation>Aún no se ha iniciado un informe para esta llamada.</translation>
    </message>
    <message>
        <source>&amp;Start the report</source>
        <translation>&amp;Iniciar el informe</translation>
    </message>
    <message>
        <source>&amp;Save now</source>
        <translation>&amp;Guardar ahora</translation>
    </message>
    <message>
        <source>Save now (Ctrl+S). Changes are also saved as you type.</source>
        <translation>Guardar ahora (Ctrl+S). Los cambios también se guardan mientras escribe.</translation>
    </message>
    <message>
        <source>&amp;Finalize report</source>
        <translation>&amp;Finalizar informe</translation>
    </message>
    <message>
        <source>Finalize (Ctrl+Enter): lock this version for review</source>
        <translation>Finalizar (Ctrl+Enter): bloquear esta versión para revisión</translation>
    </message>
    <message>
        <source>Make a &amp;correction</source>
        <translation>Hacer una &amp;corrección</translation>
    </message>
    <message>
        <source>Could not start the report: %1</source>
        <translation>No se pudo iniciar el informe: %1</translation>
    </message>
    <message>
        <source>Field report</source>
        <translation>Informe de campo</translation>
    </message>
    <message>
        <source>Returned by the reviewer</source>
        <translation>Devuelto por el revisor</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Revisor</translation>
    </message>
    <message>
        <source>Recovered after the app closed unexpectedly: this draft was last saved at %1. Check the end of the narrative.</source>
        <translation>Recuperado después de un cierre inesperado: este borrador se guardó por última vez a las %1. Revise el final de la narrativa.</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Guardado %1</translation>
    </message>
    <message>
        <source>Saved as you type</source>
        <translation>Se guarda mientras escribe</translation>
    </message>
    <message>
        <source>Locked. A correction adds a new version.</source>
        <translation>Bloqueado. Una corrección agrega una versión nueva.</translation>
    </message>
    <message>
        <source>An earlier version, shown read-only.</source>
        <translation>Una versión anterior, solo de lectura.</translation>
    </message>
    <message>
        <source>%1 left to finalize</source>
        <translation>faltan %1 para finalizar</translation>
    </message>
    <message>
        <source>Ready to finalize</source>
        <translation>Listo para finalizar</translation>
    </message>
    <message>
        <source>Not finalized: %1</source>
        <translation>No finalizado: %1</translation>
    </message>
    <message>
        <source>Say what needs correcting first</source>
        <translation>Diga primero qué hay que corregir</translation>
    </message>
    <message>
        <source>Could not start the correction: %1</source>
        <translation>No se pudo iniciar la corrección: %1</translation>
    </message>
</context>
<context>
    <name>ReportNavigator</name>
    <message>
        <source>%1  ·  9 needed</source>
        <translation>%1  ·  9 pendientes</translation>
    </message>
    <message>
        <source>  ·  %1 needed</source>
        <translation>  ·  %1 pendientes</translation>
    </message>
</context>
<context>
    <name>ReportPdf</name>
    <message>
        <source>Preview</source>
        <translation>Vista previa</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>Imprimir…</translation>
    </message>
    <message>
        <source>Save police copy…</source>
        <translation>Guardar copia para la policía…</translation>
    </message>
    <message>
        <source>The report without substance-use treatment data (42 CFR Part 2); it says what was withheld</source>
        <translation>El informe sin datos de tratamiento por consumo de sustancias (42 CFR Parte 2); indica lo que se omitió</translation>
    </message>
    <message>
        <source>Export reports…</source>
        <translation>Exportar informes…</translation>
    </message>
    <message>
        <source>Save police copy</source>
        <translation>Guardar copia para la policía</translation>
    </message>
    <message>
        <source>Save report PDF</source>
        <translation>Guardar PDF del informe</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>Archivos PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Export reports</source>
        <translation>Exportar informes</translation>
    </message>
    <message>
        <source>There are no reports yet.</source>
        <translation>Aún no hay informes.</translation>
    </message>
    <message>
        <source>Export reports to folder</source>
        <translation>Exportar informes a una carpeta</translation>
    </message>
    <message>
        <source>The PDF could not be made.</source>
        <translation>No se pudo crear el PDF.</translation>
    </message>
</context>
<context>
    <name>ReportPdfButton</name>
    <message>
        <source>&amp;PDF  ▾</source>
        <translation>&amp;PDF  ▾</translation>
    </message>
    <message>
        <source>Preview, save or print this report as a PDF</source>
        <translation>Ver, guardar o imprimir este informe como PDF</translation>
    </message>
</context>
<context>
    <name>ReportPhotos</name>
    <message>
        <source>Add photo…</source>
        <translation>Agregar foto…</translation>
    </message>
    <message>
        <source>No photos attached.</source>
        <translation>No hay fotos adjuntas.</translation>
    </message>
    <message>
        <source>Add a photo to this report</source>
        <translation>Agregar una foto a este informe</translation>
    </message>
    <message>
        <source>Photo not added: %1</source>
        <translation>Foto no agregada: %1</translation>
    </message>
</context>
<context>
    <name>ReportPrint</name>
    <message>
        <source>Print report</source>
        <translation>Imprimir informe</translation>
    </message>
    <message>
        <source>Printed to %1</source>
        <translation>Impreso en %1</translation>
    </message>
    <message>
        <source>Sent to %1 (job %2).</source>
        <translation>Enviado a %1 (trabajo %2).</translation>
    </message>
    <message>
        <source>Waiting at %1 (job %2); it prints when the printer is ready.</source>
        <translation>En espera en %1 (trabajo %2); se imprime cuando la impresora esté lista.</translation>
    </message>
    <message>
        <source>The report could not be printed.</source>
        <translation>No se pudo imprimir el informe.</translation>
    </message>
    <message>
        <source>to file %1; %2</source>
        <translation>al archivo %1; %2</translation>
    </message>
    <message>
        <source>The report was not printed.

%1

You can save it as a PDF instead and print that file elsewhere.</source>
        <translation>El informe no se imprimió.

%1

Puede guardarlo como PDF e imprimir ese archivo en otro lugar.</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>Guardar PDF…</translation>
    </message>
</context>
<context>
    <name>ReportProblems</name>
    <message>
        <source>choose a disposition</source>
        <translation>elija una disposición</translation>
    </message>
    <message>
        <source>add at least one person contacted</source>
        <translation>agregue al menos una persona contactada</translation>
    </message>
    <message>
        <source>a service names a person who is no longer on the report</source>
        <translation>un servicio nombra a una persona que ya no está en el informe</translation>
    </message>
    <message>
        <source>choose the nature of the perceived disability</source>
        <translation>elija el tipo de discapacidad percibida</translation>
    </message>
    <message>
        <source>describe the other disability in a few words</source>
        <translation>describa la otra discapacidad en pocas palabras</translation>
    </message>
    <message>
        <source>choose the language needed</source>
        <translation>elija el idioma necesario</translation>
    </message>
    <message>
        <source>say why police backup was requested</source>
        <translation>diga por qué se pidió apoyo policial</translation>
    </message>
    <message>
        <source>say what follow-up is needed</source>
        <translation>diga qué seguimiento se necesita</translation>
    </message>
    <message>
        <source>enter the minutes spent on this call</source>
        <translation>anote los minutos dedicados a esta llamada</translation>
    </message>
    <message>
        <source>write what happened</source>
        <translation>escriba qué pasó</translation>
    </message>
    <message>
        <source>say what this correction changes</source>
        <translation>diga qué cambia esta corrección</translation>
    </message>
    <message>
        <source>&quot;no contact made&quot; cannot go with other outcomes</source>
        <translation>&quot;no hubo contacto&quot; no puede ir con otros resultados</translation>
    </message>
    <message>
        <source>say how the person was transported</source>
        <translation>diga cómo se trasladó a la persona</translation>
    </message>
</context>
<context>
    <name>ReportSections</name>
    <message>
        <source>This version is a correction</source>
        <translation>Esta versión es una corrección</translation>
    </message>
    <message>
        <source>What does this correction change, and why?</source>
        <translation>¿Qué cambia esta corrección y por qué?</translation>
    </message>
    <message>
        <source>&amp;Persons contacted</source>
        <translation>Pe&amp;rsonas contactadas</translation>
    </message>
    <message>
        <source>&amp;What was involved</source>
        <translation>&amp;Qué había</translation>
    </message>
    <message>
        <source>Perceived disability</source>
        <translation>Discapacidad percibida</translation>
    </message>
    <message>
        <source>A few words, e.g. &quot;uses a walker&quot;</source>
        <translation>Unas palabras, p. ej. &quot;usa andadera&quot;</translation>
    </message>
    <message>
        <source>Other disability</source>
        <translation>Otra discapacidad</translation>
    </message>
    <message>
        <source>Language needed</source>
        <translation>Idioma necesario</translation>
    </message>
    <message>
        <source>&amp;Disposition and outcome</source>
        <translation>&amp;Disposición y resultado</translation>
    </message>
    <message>
        <source>Choose the CAD disposition…</source>
        <translation>Elija la disposición del CAD…</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Disposición</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Elija…</translation>
    </message>
    <message>
        <source>Outcome (tick all that apply)</source>
        <translation>Resultado (marque todo lo que corresponda)</translation>
    </message>
    <message>
        <source>How?</source>
        <translation>¿Cómo?</translation>
    </message>
    <message>
        <source>Where to?</source>
        <translation>¿A dónde?</translation>
    </message>
    <message>
        <source>Transported to</source>
        <translation>Trasladado a</translation>
    </message>
    <message>
        <source>Name of the place, e.g. the hospital</source>
        <translation>Nombre del lugar, p. ej. el hospital</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Derivado a</translation>
    </message>
    <message>
        <source>Name of the agency or program</source>
        <translation>Nombre de la agencia o programa</translation>
    </message>
    <message>
        <source>Find in the resource &amp;directory…</source>
        <translation>Buscar en el directorio de recur&amp;sos…</translation>
    </message>
    <message>
        <source>Search the directory offline; the chosen resource fills the referral</source>
        <translation>Buscar en el directorio sin conexión; el recurso elegido completa la derivación</translation>
    </message>
    <message>
        <source>None</source>
        <translation>Ninguno</translation>
    </message>
    <message>
        <source>Ser&amp;vices offered, accepted or declined</source>
        <translation>Ser&amp;vicios ofrecidos, aceptados o rechazados</translation>
    </message>
    <message>
        <source>Police &amp;backup and 988</source>
        <translation>Apoyo po&amp;licial y 988</translation>
    </message>
    <message>
        <source>Police backup was requested</source>
        <translation>Se pidió apoyo policial</translation>
    </message>
    <message>
        <source>Why?</source>
        <translation>¿Por qué?</translation>
    </message>
    <message>
        <source>Reason for backup</source>
        <translation>Motivo del apoyo</translation>
    </message>
    <message>
        <source>911 call transferred to 988</source>
        <translation>Llamada al 911 transferida al 988</translation>
    </message>
    <message>
        <source>Warm transfer to 988 on scene</source>
        <translation>Transferencia acompañada al 988 en el lugar</translation>
    </message>
    <message>
        <source>Follow-&amp;up and time</source>
        <translation>Seg&amp;uimiento y tiempo</translation>
    </message>
    <message>
        <source>Follow-up is needed</source>
        <translation>Se necesita seguimiento</translation>
    </message>
    <message>
        <source>Who should do what, and by when?</source>
        <translation>¿Quién debe hacer qué y para cuándo?</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Seguimiento</translation>
    </message>
    <message>
        <source>Time on task</source>
        <translation>Tiempo dedicado</translation>
    </message>
    <message>
        <source>&amp;Narrative</source>
        <translation>&amp;Narración</translation>
    </message>
    <message>
        <source>What happened, in your words. Saved as you type.</source>
        <translation>Qué pasó, en sus palabras. Se guarda mientras escribe.</translation>
    </message>
</context>
<context>
    <name>ReportSummary</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>Crew</source>
        <translation>Equipo</translation>
    </message>
    <message>
        <source>Involved</source>
        <translation>Presente</translation>
    </message>
    <message>
        <source>Disposition</source>
        <translation>Disposición</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Transported</source>
        <translation>Trasladado</translation>
    </message>
    <message>
        <source>Referred to</source>
        <translation>Derivado a</translation>
    </message>
    <message>
        <source>Police backup</source>
        <translation>Apoyo policial</translation>
    </message>
    <message>
        <source>Follow-up needed</source>
        <translation>Se necesita seguimiento</translation>
    </message>
    <message>
        <source>age %1</source>
        <translation>edad %1</translation>
    </message>
</context>
<context>
    <name>Reports</name>
    <message>
        <source>No report with id {id}</source>
        <translation>No hay ningún informe con el id {id}</translation>
    </message>
    <message>
        <source>Report {number} v{version} is {state}; make a correction to change it</source>
        <translation>El informe {number} v{version} está en estado {state}; haga una corrección para cambiarlo</translation>
    </message>
    <message>
        <source>Report {number} is already {state}</source>
        <translation>El informe {number} ya está en estado {state}</translation>
    </message>
    <message>
        <source>Cannot finalize yet: {names}</source>
        <translation>Todavía no se puede finalizar: {names}</translation>
    </message>
    <message>
        <source>Only a finalized or approved report can be corrected</source>
        <translation>Solo se puede corregir un informe finalizado o aprobado</translation>
    </message>
    <message>
        <source>Some report fields could not be saved</source>
        <translation>Algunos campos del informe no se pudieron guardar</translation>
    </message>
    <message>
        <source>must be at most {n} characters</source>
        <translation>debe tener como máximo {n} caracteres</translation>
    </message>
    <message>
        <source>{value} is not a language reports print in</source>
        <translation>{value} no es un idioma en que se impriman los informes</translation>
    </message>
    <message>
        <source>must be between 0 and {most}</source>
        <translation>debe estar entre 0 y {most}</translation>
    </message>
    <message>
        <source>{value} is not a known code</source>
        <translation>{value} no es un código conocido</translation>
    </message>
    <message>
        <source>unknown codes: {codes}</source>
        <translation>códigos desconocidos: {codes}</translation>
    </message>
    <message>
        <source>no longer in use: {codes}</source>
        <translation>ya no se usan: {codes}</translation>
    </message>
    <message>
        <source>{role} is not a person role</source>
        <translation>{role} no es un papel de persona</translation>
    </message>
    <message>
        <source>{code}/{response} is not a known service response</source>
        <translation>{code}/{response} no es una respuesta de servicio conocida</translation>
    </message>
    <message>
        <source>one answer per service and person</source>
        <translation>una respuesta por servicio y persona</translation>
    </message>
</context>
<context>
    <name>ServicesGrid</name>
    <message>
        <source>Services for</source>
        <translation>Servicios para</translation>
    </message>
    <message>
        <source>The person served</source>
        <translation>La persona atendida</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Para</translation>
    </message>
</context>
<context>
    <name>SessionLock</name>
    <message>
        <source>Lock</source>
        <translation>Bloquear</translation>
    </message>
    <message>
        <source>Lock the screen now (Ctrl+L)</source>
        <translation>Bloquear la pantalla ahora (Ctrl+L)</translation>
    </message>
    <message>
        <source>Responder — locked</source>
        <translation>Responder — bloqueado</translation>
    </message>
</context>
<context>
    <name>Shift</name>
    <message>
        <source>{who} is not on the roster; add someone not on the roster as Name/ROLE</source>
        <translation>{who} no está en la plantilla; añada a quien no esté en ella como Nombre/ROL</translation>
    </message>
    <message>
        <source>not on the roster</source>
        <translation>no está en la plantilla</translation>
    </message>
    <message>
        <source>A shift is already open; end it first</source>
        <translation>Ya hay un turno abierto; termínelo primero</translation>
    </message>
    <message>
        <source>say which vehicle (e.g. VAN-3)</source>
        <translation>indique el vehículo (p. ej. VAN-3)</translation>
    </message>
    <message>
        <source>enter the odometer reading (a whole number)</source>
        <translation>escriba la lectura del cuentakilómetros (un número entero)</translation>
    </message>
    <message>
        <source>The shift cannot start yet</source>
        <translation>El turno todavía no puede empezar</translation>
    </message>
    <message>
        <source>No shift is open</source>
        <translation>No hay ningún turno abierto</translation>
    </message>
    <message>
        <source>must be at least the start mileage ({start})</source>
        <translation>debe ser al menos el kilometraje inicial ({start})</translation>
    </message>
    <message>
        <source>must be between the shift&apos;s start and now</source>
        <translation>debe estar entre el inicio del turno y ahora</translation>
    </message>
    <message>
        <source>say why the end time is entered afterwards</source>
        <translation>indique por qué la hora de fin se anota después</translation>
    </message>
    <message>
        <source>The shift cannot end yet</source>
        <translation>El turno todavía no puede terminar</translation>
    </message>
</context>
<context>
    <name>ShiftEndDialog</name>
    <message>
        <source>End shift — unit %1</source>
        <translation>Terminar turno — unidad %1</translation>
    </message>
    <message>
        <source>Shift in %1 since %2</source>
        <translation>Turno en %1 desde las %2</translation>
    </message>
    <message>
        <source>End mileage</source>
        <translation>Millaje final</translation>
    </message>
    <message>
        <source>The shift ended earlier (correction)</source>
        <translation>El turno terminó antes (corrección)</translation>
    </message>
    <message>
        <source>Why the end is entered now (e.g. app closed)</source>
        <translation>Por qué se anota el final ahora (p. ej. la app se cerró)</translation>
    </message>
    <message>
        <source>Really ended</source>
        <translation>Terminó en realidad</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Nota</translation>
    </message>
    <message>
        <source>End shift</source>
        <translation>Fin de turno</translation>
    </message>
</context>
<context>
    <name>ShiftRecoveryBanner</name>
    <message>
        <source>The shift started %1 in %2 is still open: the app closed without ending it.</source>
        <translation>El turno que empezó el %1 en %2 sigue abierto: la aplicación se cerró sin terminarlo.</translation>
    </message>
    <message>
        <source>The shift started %1 in %2 is still open: it was left open across midnight.</source>
        <translation>El turno que empezó el %1 en %2 sigue abierto: quedó abierto pasada la medianoche.</translation>
    </message>
    <message>
        <source>End with correction…</source>
        <translation>Terminar con corrección…</translation>
    </message>
    <message>
        <source>Keep it open</source>
        <translation>Mantenerlo abierto</translation>
    </message>
</context>
<context>
    <name>ShiftStartDialog</name>
    <message>
        <source>not on roster</source>
        <translation>no está en la lista</translation>
    </message>
    <message>
        <source>Start shift — unit %1</source>
        <translation>Iniciar turno — unidad %1</translation>
    </message>
    <message>
        <source>Who is on the crew?</source>
        <translation>¿Quién está en el equipo?</translation>
    </message>
    <message>
        <source>Start shift</source>
        <translation>Iniciar turno</translation>
    </message>
    <message>
        <source>No roster yet: it comes from the station at the next sync. Add the crew below.</source>
        <translation>Aún no hay lista del personal: llega de la estación en la próxima sincronización. Agregue el equipo abajo.</translation>
    </message>
    <message>
        <source>Name of someone not on the roster</source>
        <translation>Nombre de alguien que no está en la lista</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Agregar</translation>
    </message>
    <message>
        <source>e.g. VAN-3</source>
        <translation>p. ej. VAN-3</translation>
    </message>
    <message>
        <source>Vehicle</source>
        <translation>Vehículo</translation>
    </message>
    <message>
        <source>Start mileage</source>
        <translation>Millaje inicial</translation>
    </message>
    <message>
        <source>Type the person&apos;s name first.</source>
        <translation>Escriba primero el nombre de la persona.</translation>
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
        <translation>Sincronizar</translation>
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
    <name>SignIn</name>
    <message>
        <source>Too many wrong passphrases: sign-in for {name} is locked until {until:%H:%M} UTC ({stamp})</source>
        <translation>Demasiadas frases de contraseña incorrectas: el inicio de sesión de {name} está bloqueado hasta las {until:%H:%M} UTC ({stamp})</translation>
    </message>
    <message>
        <source>Wait {wait} s before trying again</source>
        <translation>Espere {wait} s antes de volver a intentarlo</translation>
    </message>
    <message>
        <source>Cannot record the sign-in attempt: {why}</source>
        <translation>No se puede registrar el intento de inicio de sesión: {why}</translation>
    </message>
    <message>
        <source>use at least {n} characters</source>
        <translation>use al menos {n} caracteres</translation>
    </message>
    <message>
        <source>use at most {n} characters</source>
        <translation>use como máximo {n} caracteres</translation>
    </message>
    <message>
        <source>this passphrase is too common; pick a few unrelated words</source>
        <translation>esta frase es demasiado común; elija unas palabras sin relación entre sí</translation>
    </message>
    <message>
        <source>do not use your name as the passphrase</source>
        <translation>no use su nombre como frase de contraseña</translation>
    </message>
    <message>
        <source>Passphrase not accepted: {problem}</source>
        <translation>Frase de contraseña no aceptada: {problem}</translation>
    </message>
    <message>
        <source>The keystore {path} is damaged: {why}</source>
        <translation>El almacén de claves {path} está dañado: {why}</translation>
    </message>
    <message>
        <source>No officer named {name} is enrolled on this device</source>
        <translation>No hay ningún agente llamado {name} registrado en este equipo</translation>
    </message>
    <message>
        <source>Wrong passphrase for {name}</source>
        <translation>Frase de contraseña incorrecta para {name}</translation>
    </message>
    <message>
        <source>An officer needs a name</source>
        <translation>El agente necesita un nombre</translation>
    </message>
    <message>
        <source>An officer named {name} already exists</source>
        <translation>Ya existe un agente llamado {name}</translation>
    </message>
    <message>
        <source>No officer named {name}</source>
        <translation>No hay ningún agente llamado {name}</translation>
    </message>
    <message>
        <source>Cannot remove the last officer</source>
        <translation>No se puede quitar al último agente</translation>
    </message>
    <message>
        <source>Officers already exist; an admin must add new officers</source>
        <translation>Ya hay agentes; un administrador debe añadir los nuevos</translation>
    </message>
    <message>
        <source>{failure}. That was the 5th failure in 15 minutes: sign-in for {name} is locked until {until:%H:%M} UTC</source>
        <translation>{failure}. Fue el 5.º fallo en 15 minutos: el inicio de sesión de {name} está bloqueado hasta las {until:%H:%M} UTC</translation>
    </message>
    <message>
        <source>This passphrase opens a different profile</source>
        <translation>Esta frase de contraseña abre otro perfil</translation>
    </message>
    <message>
        <source>{name} is not allowed to add officers</source>
        <translation>{name} no tiene permiso para añadir agentes</translation>
    </message>
    <message>
        <source>{name} is not allowed to release lockouts</source>
        <translation>{name} no tiene permiso para desbloquear inicios de sesión</translation>
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
        <translation>Abriendo…</translation>
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
        <translation>Lo que muestra el registro:</translation>
    </message>
    <message>
        <source>Done at %1</source>
        <translation>Hecho a las %1</translation>
    </message>
    <message>
        <source>Undo  (D)</source>
        <translation>Deshacer  (D)</translation>
    </message>
    <message>
        <source>Done  (D)</source>
        <translation>Hecho  (D)</translation>
    </message>
</context>
<context>
    <name>SwitchCallDialog</name>
    <message>
        <source>Switch to call %1</source>
        <translation>Cambiar a la llamada %1</translation>
    </message>
    <message>
        <source>The unit is working call %1 (%2). What happens to it?</source>
        <translation>La unidad atiende la llamada %1 (%2). ¿Qué pasa con ella?</translation>
    </message>
    <message>
        <source>Note (optional), e.g. which unit takes it over</source>
        <translation>Nota (opcional), p. ej. qué unidad la toma</translation>
    </message>
    <message>
        <source>Switch to %1</source>
        <translation>Cambiar a %1</translation>
    </message>
</context>
<context>
    <name>Sync</name>
    <message>
        <source>Enter the station address, e.g. https://station.example.org</source>
        <translation>Escriba la dirección de la estación, p. ej. https://station.example.org</translation>
    </message>
    <message>
        <source>The station must be reached over https (plain http only on this computer)</source>
        <translation>La estación debe usarse por https (http simple solo en este mismo equipo)</translation>
    </message>
    <message>
        <source>The station answered a push with the wrong number of results</source>
        <translation>La estación respondió a un envío con un número de resultados equivocado</translation>
    </message>
    <message>
        <source>The station answered a push out of order</source>
        <translation>La estación respondió a un envío en desorden</translation>
    </message>
    <message>
        <source>The station sent a malformed pull answer</source>
        <translation>La estación envió una respuesta de descarga mal formada</translation>
    </message>
    <message>
        <source>The station sent something that is not JSON (sync state)</source>
        <translation>La estación envió algo que no es JSON (estado de sincronización)</translation>
    </message>
    <message>
        <source>The station sent a malformed sync state</source>
        <translation>La estación envió un estado de sincronización mal formado</translation>
    </message>
    <message>
        <source>The station answered a photo batch with the wrong results</source>
        <translation>La estación respondió a un lote de fotos con resultados equivocados</translation>
    </message>
    <message>
        <source>The station sent something that is not JSON ({path})</source>
        <translation>La estación envió algo que no es JSON ({path})</translation>
    </message>
    <message>
        <source>The station sent an unexpected answer ({path})</source>
        <translation>La estación envió una respuesta inesperada ({path})</translation>
    </message>
    <message>
        <source>The station did not answer in time</source>
        <translation>La estación no respondió a tiempo</translation>
    </message>
    <message>
        <source>Station unreachable ({reason})</source>
        <translation>No se puede llegar a la estación ({reason})</translation>
    </message>
    <message>
        <source>HTTP error: {reason}</source>
        <translation>Error HTTP: {reason}</translation>
    </message>
    <message>
        <source>This device&apos;s access to the station was revoked; ask your supervisor to enroll it again</source>
        <translation>Se revocó el acceso de este equipo a la estación; pida a su supervisor que lo registre de nuevo</translation>
    </message>
    <message>
        <source>The station did not accept this device&apos;s sign-in; connect to the station again</source>
        <translation>La estación no aceptó la credencial de este equipo; vuelva a conectarse a la estación</translation>
    </message>
    <message>
        <source>This device may not do that</source>
        <translation>Este equipo no tiene permiso para eso</translation>
    </message>
    <message>
        <source>The station reported a conflict</source>
        <translation>La estación informó de un conflicto</translation>
    </message>
    <message>
        <source>The station had a problem ({status})</source>
        <translation>La estación tuvo un problema ({status})</translation>
    </message>
    <message>
        <source>The station refused the request ({status}): {reason}</source>
        <translation>La estación rechazó la solicitud ({status}): {reason}</translation>
    </message>
    <message>
        <source>The station did not say how much it holds</source>
        <translation>La estación no indicó cuánto tiene guardado</translation>
    </message>
    <message>
        <source>The station&apos;s {what} answer lacks {missing}</source>
        <translation>A la respuesta de la estación ({what}) le falta {missing}</translation>
    </message>
    <message>
        <source>This device is not connected to a station yet</source>
        <translation>Este equipo aún no está conectado a una estación</translation>
    </message>
    <message>
        <source>The station sign-in is not available in the keyring; connect to the station again</source>
        <translation>La credencial de la estación no está en el llavero; vuelva a conectarse a la estación</translation>
    </message>
    <message>
        <source>The station sign-in is not available (it was kept in memory only); connect to the station again</source>
        <translation>La credencial de la estación no está disponible (solo se guardó en memoria); vuelva a conectarse a la estación</translation>
    </message>
    <message>
        <source>The station sent a change this device could not read (#{seq}); it is asked for again at the next sync</source>
        <translation>La estación envió un cambio que este equipo no pudo leer (n.º {seq}); se volverá a pedir en la próxima sincronización</translation>
    </message>
    <message>
        <source>Enter the enrollment code from the station</source>
        <translation>Escriba el código de registro que dio la estación</translation>
    </message>
    <message>
        <source>The station did not accept this code: it may be mistyped, already used or expired</source>
        <translation>La estación no aceptó este código: puede estar mal escrito, ya usado o vencido</translation>
    </message>
    <message>
        <source>The station holds the whole photo but did not accept it</source>
        <translation>La estación tiene la foto completa pero no la aceptó</translation>
    </message>
    <message>
        <source>The station is not taking the photo</source>
        <translation>La estación no está recibiendo la foto</translation>
    </message>
    <message>
        <source>The station&apos;s changes skip from #{last} to #{seq} (it says #{prev} comes before); not stored, asked for again</source>
        <translation>Los cambios de la estación saltan del n.º {last} al n.º {seq} (dice que antes va el n.º {prev}); no se guardaron y se volverán a pedir</translation>
    </message>
    <message>
        <source>The station&apos;s cursor (#{cursor}) runs past its last change (#{last}); not stored, asked for again</source>
        <translation>El cursor de la estación (n.º {cursor}) pasa de su último cambio (n.º {last}); no se guardó y se volverá a pedir</translation>
    </message>
    <message>
        <source>The station answered a change with {status}</source>
        <translation>La estación respondió a un cambio con {status}</translation>
    </message>
    <message>
        <source>The station sent a cursor that went back</source>
        <translation>La estación envió un cursor que retrocedió</translation>
    </message>
</context>
<context>
    <name>SyncPanel</name>
    <message>
        <source>Sending</source>
        <translation>Enviando</translation>
    </message>
    <message>
        <source>Uploading photos</source>
        <translation>Subiendo fotos</translation>
    </message>
    <message>
        <source>Receiving</source>
        <translation>Recibiendo</translation>
    </message>
    <message>
        <source>%1 report</source>
        <translation>%1 informe</translation>
    </message>
    <message>
        <source>%1 reports</source>
        <translation>%1 informes</translation>
    </message>
    <message>
        <source>%1 status change</source>
        <translation>%1 cambio de estado</translation>
    </message>
    <message>
        <source>%1 status changes</source>
        <translation>%1 cambios de estado</translation>
    </message>
    <message>
        <source>%1 on-view call</source>
        <translation>%1 llamada en el lugar</translation>
    </message>
    <message>
        <source>%1 on-view calls</source>
        <translation>%1 llamadas en el lugar</translation>
    </message>
    <message>
        <source>%1 call copy for the station</source>
        <translation>%1 copia de llamada para la estación</translation>
    </message>
    <message>
        <source>%1 call copies for the station</source>
        <translation>%1 copias de llamadas para la estación</translation>
    </message>
    <message>
        <source>%1 review copy for the station</source>
        <translation>%1 copia de revisión para la estación</translation>
    </message>
    <message>
        <source>%1 review copies for the station</source>
        <translation>%1 copias de revisión para la estación</translation>
    </message>
    <message>
        <source>%1 checklist</source>
        <translation>%1 lista</translation>
    </message>
    <message>
        <source>%1 checklists</source>
        <translation>%1 listas</translation>
    </message>
    <message>
        <source>%1 photo</source>
        <translation>%1 foto</translation>
    </message>
    <message>
        <source>%1 photos</source>
        <translation>%1 fotos</translation>
    </message>
    <message>
        <source>%1 shift record</source>
        <translation>%1 registro de turno</translation>
    </message>
    <message>
        <source>%1 shift records</source>
        <translation>%1 registros de turno</translation>
    </message>
    <message>
        <source>%1 co-responder record</source>
        <translation>%1 registro de otra agencia</translation>
    </message>
    <message>
        <source>%1 co-responder records</source>
        <translation>%1 registros de otras agencias</translation>
    </message>
    <message>
        <source>Nothing waiting</source>
        <translation>Nada en espera</translation>
    </message>
    <message>
        <source>%1 waiting</source>
        <translation>%1 en espera</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sincronizar</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch updates from the station</source>
        <translation>Enviar los cambios pendientes y traer novedades de la estación</translation>
    </message>
    <message>
        <source>Send waiting changes and fetch updates (Ctrl+Shift+S)</source>
        <translation>Enviar los cambios pendientes y traer novedades (Ctrl+Shift+S)</translation>
    </message>
    <message>
        <source>Station…</source>
        <translation>Estación…</translation>
    </message>
    <message>
        <source>Connect to station: enroll this device with a code from the station</source>
        <translation>Conectar con la estación: registrar este equipo con un código de la estación</translation>
    </message>
    <message>
        <source>%1 need attention</source>
        <translation>%1 requieren atención</translation>
    </message>
    <message>
        <source>Connect to station</source>
        <translation>Conectar con la estación</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Iniciando…</translation>
    </message>
    <message>
        <source>Sync stopped: %1</source>
        <translation>Sincronización detenida: %1</translation>
    </message>
</context>
<context>
    <name>SyncProblemsDialog</name>
    <message>
        <source>Refused by the station</source>
        <translation>Rechazado por la estación</translation>
    </message>
    <message>
        <source>Conflict (both kept)</source>
        <translation>Conflicto (se conservan ambos)</translation>
    </message>
    <message>
        <source>Changes that need attention</source>
        <translation>Cambios que requieren atención</translation>
    </message>
    <message>
        <source>These changes were not accepted as they are. They are kept on this computer; the rest of your work keeps syncing. Tell your supervisor about a conflict: the station keeps both versions.</source>
        <translation>Estos cambios no se aceptaron tal como están. Se conservan en este equipo; el resto de su trabajo se sigue sincronizando. Avise a su supervisor de un conflicto: la estación conserva ambas versiones.</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Cambio</translation>
    </message>
    <message>
        <source>Made</source>
        <translation>Hecho</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Resultado</translation>
    </message>
    <message>
        <source>Station&apos;s reason</source>
        <translation>Motivo de la estación</translation>
    </message>
    <message>
        <source>(no reason given)</source>
        <translation>(sin motivo)</translation>
    </message>
</context>
<context>
    <name>UnitBar</name>
    <message>
        <source>No shift</source>
        <translation>Sin turno</translation>
    </message>
    <message>
        <source>End shift</source>
        <translation>Fin de turno</translation>
    </message>
    <message>
        <source>Start shift</source>
        <translation>Iniciar turno</translation>
    </message>
    <message>
        <source>Back in service</source>
        <translation>De vuelta en servicio</translation>
    </message>
    <message>
        <source>Out of service</source>
        <translation>Fuera de servicio</translation>
    </message>
    <message>
        <source>Service state not changed</source>
        <translation>Estado de servicio no cambiado</translation>
    </message>
</context>
<context>
    <name>ValidationPanel</name>
    <message>
        <source>&lt;b&gt;Before this report can be finalized:&lt;/b&gt;</source>
        <translation>&lt;b&gt;Antes de poder finalizar este informe:&lt;/b&gt;</translation>
    </message>
</context>
<context>
    <name>autosave</name>
    <message>
        <source>Not saved: the report could not be written (%1) — your text is kept here and saving will be retried.</source>
        <translation>No guardado: no se pudo escribir el informe (%1) — su texto se conserva aquí y se volverá a intentar guardar.</translation>
    </message>
    <message>
        <source>Not saved: %1 — your text is kept here and saving will be retried.</source>
        <translation>No guardado: %1 — su texto se conserva aquí y se volverá a intentar guardar.</translation>
    </message>
</context>
<context>
    <name>call_board_model</name>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
</context>
<context>
    <name>connect_dialog</name>
    <message>
        <source>Connected to %1 as unit %2.</source>
        <translation>Conectado a %1 como unidad %2.</translation>
    </message>
</context>
<context>
    <name>person_suggestions</name>
    <message>
        <source>last seen %1</source>
        <translation>visto por última vez %1</translation>
    </message>
    <message>
        <source>not seen yet</source>
        <translation>aún no visto</translation>
    </message>
</context>
<context>
    <name>report_pdf</name>
    <message>
        <source>PDF saved: %1</source>
        <translation>PDF guardado: %1</translation>
    </message>
    <message>
        <source>Report PDF</source>
        <translation>PDF del informe</translation>
    </message>
    <message>
        <source>Export many reports as PDFs to a folder</source>
        <translation>Exportar muchos informes como PDF a una carpeta</translation>
    </message>
    <message>
        <source>Export reports</source>
        <translation>Exportar informes</translation>
    </message>
    <message>
        <source>%1 report PDF(s) exported</source>
        <translation>%1 PDF de informe(s) exportado(s)</translation>
    </message>
    <message>
        <source> before you cancelled</source>
        <translation> antes de cancelar</translation>
    </message>
    <message>
        <source>Some reports were not exported:
%1</source>
        <translation>Algunos informes no se exportaron:
%1</translation>
    </message>
</context>
<context>
    <name>report_summary</name>
    <message>
        <source>Yes</source>
        <translation>Sí</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>report_validation</name>
    <message>
        <source>Consent</source>
        <translation>Consentimiento</translation>
    </message>
</context>
<context>
    <name>shift_end_dialog</name>
    <message>
        <source>  ·  %1 miles</source>
        <translation>  ·  %1 millas</translation>
    </message>
    <message>
        <source>%1 h on shift  ·  %2 calls  ·  %3 min on task%4</source>
        <translation>%1 h de turno  ·  %2 llamadas  ·  %3 min en tareas%4</translation>
    </message>
</context>
<context>
    <name>sync_panel</name>
    <message>
        <source>Not connected to a station</source>
        <translation>Sin estación</translation>
    </message>
    <message>
        <source>Never synced</source>
        <translation>Nunca sincronizado</translation>
    </message>
    <message>
        <source>Last sync %1</source>
        <translation>Última sincronización %1</translation>
    </message>
    <message>
        <source>Station unreachable (offline)</source>
        <translation>Estación inalcanzable (sin conexión)</translation>
    </message>
    <message>
        <source>Station sign-in failed</source>
        <translation>Falló el inicio de sesión en la estación</translation>
    </message>
    <message>
        <source>Station error (server)</source>
        <translation>Error de la estación (servidor)</translation>
    </message>
    <message>
        <source>Conflict with the station&apos;s copy</source>
        <translation>Conflicto con la copia de la estación</translation>
    </message>
    <message>
        <source>Station answered unexpectedly</source>
        <translation>La estación respondió de forma inesperada</translation>
    </message>
</context>
<context>
    <name>sync_problems</name>
    <message>
        <source>Report %1 v%2</source>
        <translation>Informe %1 v%2</translation>
    </message>
    <message>
        <source>Status %1</source>
        <translation>Estado %1</translation>
    </message>
    <message>
        <source>On-view call at %1</source>
        <translation>Llamada en el lugar en %1</translation>
    </message>
    <message>
        <source>Photo %1</source>
        <translation>Foto %1</translation>
    </message>
</context>
</TS>
