package dev.securerestapi.realm.metrics;

import java.lang.management.ManagementFactory;
import java.util.logging.Logger;

import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/**
 * Registration in the platform MBean server, apart from the beans: on Tomcat with the add-on the
 * realm's classes are loaded from the WAR and the authenticator's from Tomcat's lib, and each
 * bean must be registered by the class loader that counts into it.
 */
final class Jmx {

    private Jmx() {}

    static <T> void register(T bean, Class<T> type, String name) {
        try {
            ManagementFactory.getPlatformMBeanServer().registerMBean(new StandardMBean(bean, type, true), new ObjectName(name));
        } catch (InstanceAlreadyExistsException another) {
            Logger.getLogger(type.getName()).info(name + " is registered by another instance of secure-rest-api in this JVM; "
                    + "this one's counts are not exported");
        } catch (JMException | SecurityException e) {
            Logger.getLogger(type.getName()).warning("could not register " + name + ": " + e);
        }
    }
}
