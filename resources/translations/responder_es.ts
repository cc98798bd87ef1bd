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
        <source>Could not sign in: %1</source>
        <translation>No se pudo iniciar sesión: %1</translation>
    </message>
</context>
</TS>
