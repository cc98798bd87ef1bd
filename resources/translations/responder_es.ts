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
